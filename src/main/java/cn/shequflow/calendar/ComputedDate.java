package cn.shequflow.calendar;

import java.util.Date;

/**
 * One date the working-day calendar computed, with everything needed to compute it again on another holiday table
 * (issue 15 item 2): the kind of computation, the instant it counted from, the working days, the lower bound
 * ({@code fromNowNotBefore}) and the result.
 *
 * @param workingDays null for a reminder (it follows its deadline, not the table)
 * @param notBefore null unless kind is {@link Kind#FROM_NOW_NOT_BEFORE}
 */
public record ComputedDate(Kind kind, Date from, Long workingDays, Date notBefore, Date result) {

  /** Which method computed the date; the code is what the ledger stores. */
  public enum Kind {
    /** {@code deadline(from, n)}: closing time of the n-th working day after from's day. */
    DEADLINE,
    /** {@code fromNow(n)}: a deadline from the engine clock, stored with the clock's instant as from. */
    FROM_NOW,
    /** {@code fromNowNotBefore(n, notBefore)}: the later of fromNow(n) and notBefore. */
    FROM_NOW_NOT_BEFORE,
    /** {@code reminderBefore(due)}: from is the deadline the reminder belongs to. */
    REMINDER,
    /** A working-day cycle's next moment ({@link WorkingDayCycle}): from plus n working days at from's time of day. */
    CYCLE
  }
}
