package cn.shequflow.security;

/**
 * Published after every password check of a person made in a request, and when a source address is throttled; the
 * audit log records it. {@code how} is 网页登录, HTTP Basic or 确认当前密码; {@code reason} says in Chinese why a check
 * failed; {@code throttledMinutes} and {@code holds} are set only when the address is held back.
 */
public record LoginChecked(String userId, boolean userExists, boolean success, boolean wasLocked, String how,
    String reason, String address, long throttledMinutes, int holds) {

  /** The check that held the source address back after too many failures. */
  public boolean throttled() {
    return throttledMinutes > 0;
  }
}
