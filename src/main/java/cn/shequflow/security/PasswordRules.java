package cn.shequflow.security;

/**
 * The production password rule (issue 10 item 1): at least 12 characters and at least 3 of the 4 character classes
 * lower case, upper case, digit, symbol. One place, used by the engine's password policy and the start-up check.
 */
final class PasswordRules {

  static final int MIN_LENGTH = 12;
  static final int MIN_CLASSES = 3;
  static final String DESCRIPTION = "密码至少 " + MIN_LENGTH + " 个字符，并包含小写字母、大写字母、数字、符号中的至少 "
      + MIN_CLASSES + " 类";

  private PasswordRules() {}

  static boolean longEnough(String password) {
    return password != null && password.codePointCount(0, password.length()) >= MIN_LENGTH;
  }

  /** How many of lower case, upper case, digit and symbol (anything that is neither letter nor digit) occur. */
  static int characterClasses(String password) {
    if (password == null) {
      return 0;
    }
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = 0; i < password.length(); ) {
      int c = password.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c)) {
        upper = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (!Character.isLetter(c)) {
        symbol = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
  }

  static boolean acceptable(String password) {
    return longEnough(password) && characterClasses(password) >= MIN_CLASSES;
  }
}
