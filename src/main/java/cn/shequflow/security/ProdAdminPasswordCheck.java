package cn.shequflow.security;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/** Refuses to start the prod profile without an admin password from the environment, before anything is created. */
public class ProdAdminPasswordCheck implements EnvironmentPostProcessor {

  static final String MESSAGE =
      "生产环境（prod）必须通过环境变量 SHEQU_ADMIN_PASSWORD 设置管理员密码（至少8位），拒绝启动。"
          + " The prod profile needs an admin password of at least 8 characters in SHEQU_ADMIN_PASSWORD.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      return;
    }
    String password = environment.getProperty("SHEQU_ADMIN_PASSWORD", "");
    if (password.isBlank() || password.length() < 8 || "demo".equals(password)) {
      throw new IllegalStateException(MESSAGE);
    }
  }
}
