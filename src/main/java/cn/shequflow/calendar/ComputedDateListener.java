package cn.shequflow.calendar;

/**
 * Told of every date the calendar computes for a caller ({@link WorkingDayCalendar}, {@link WorkingDayCycle}); a
 * listener decides itself whether the computation belongs to a case (an engine command) and is worth keeping.
 */
public interface ComputedDateListener {

  void computed(ComputedDate date);
}
