package cn.shequflow.calendar;

/**
 * Published after the holiday table was re-read successfully ({@link WorkingDayCalendar#reload}, the admin's redeploy):
 * listeners recompute what the old table computed. A reload that fails publishes nothing.
 */
public record WorkingDaysReloaded(String source) {}
