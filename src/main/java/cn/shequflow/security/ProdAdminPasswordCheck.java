package cn.shequflow.security;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start the prod profile, before anything is created, without an admin password from the environment
 * that passes the production password rule ({@link PasswordRules}, the same as the engine's password policy), and
 * without the public base URL every link in a mail is built on.
 */
public class ProdAdminPasswordCheck implements EnvironmentPostProcessor {

  static final String MESSAGE = "生产环境（prod）必须通过环境变量 SHEQU_ADMIN_PASSWORD 设置管理员密码（"
      + PasswordRules.DESCRIPTION + "，且不能包含用户名），拒绝启动。"
      + " The prod profile needs an admin password in SHEQU_ADMIN_PASSWORD of at least 12 characters with 3 of:"
      + " lower case, upper case, digit, symbol.";
  static final String BASE_URL_MESSAGE = "生产环境（prod）必须通过环境变量 SHEQU_PUBLIC_BASE_URL 设置对外访问地址"
      + "（如 https://shequ.example.cn，邮件中的链接都以它开头），拒绝启动。"
      + " The prod profile needs SHEQU_PUBLIC_BASE_URL (e.g. https://shequ.example.cn).";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      return;
    }
    String password = environment.getProperty("SHEQU_ADMIN_PASSWORD", "");
    String admin = environment.getProperty("camunda.bpm.admin-user.id", "admin");
    if (!PasswordRules.acceptable(password) || password.toLowerCase().contains(admin.toLowerCase())) {
      throw new IllegalStateException(MESSAGE);
    }
    String baseUrl = environment.getProperty("shequ.public-base-url", "");
    if (!baseUrl.matches("https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw new IllegalStateException(BASE_URL_MESSAGE);
    }
  }
}
