package cn.shequflow.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;

/**
 * The engine's password policy in production (enablePasswordPolicy=true): {@link PasswordRules}, plus Camunda's own
 * rule that a password must not contain the user's id or name. The placeholders are translated in the webapps'
 * Chinese locale files, so Admin shows the rules in Chinese while a password is typed.
 */
class ShequPasswordPolicy implements PasswordPolicy {

  static final String LENGTH = "SHEQU_PASSWORD_LENGTH";
  static final String CLASSES = "SHEQU_PASSWORD_CHARACTER_CLASSES";

  private final List<PasswordPolicyRule> rules = List.of(
      rule(LENGTH, Map.of("minLength", String.valueOf(PasswordRules.MIN_LENGTH)), PasswordRules::longEnough),
      rule(CLASSES, Map.of("minClasses", String.valueOf(PasswordRules.MIN_CLASSES)),
          password -> PasswordRules.characterClasses(password) >= PasswordRules.MIN_CLASSES),
      new PasswordPolicyUserDataRuleImpl());

  @Override
  public List<PasswordPolicyRule> getRules() {
    return rules;
  }

  private static PasswordPolicyRule rule(String placeholder, Map<String, String> parameters,
      java.util.function.Predicate<String> check) {
    return new PasswordPolicyRule() {
      @Override
      public String getPlaceholder() {
        return placeholder;
      }

      @Override
      public Map<String, String> getParameters() {
        return parameters;
      }

      @Override
      public boolean execute(String password) {
        return check.test(password);
      }
    };
  }
}
