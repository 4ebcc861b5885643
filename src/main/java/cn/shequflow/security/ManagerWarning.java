package cn.shequflow.security;

/**
 * A standing warning that managers and admins see on every staff page while it holds (today the holiday table's
 * warning about next year, given by the calendar module): null when there is nothing to warn about.
 */
public interface ManagerWarning {

  /** The warning's Chinese text now, or null. */
  String text();
}
