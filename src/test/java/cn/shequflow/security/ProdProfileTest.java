package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.ShequFlowApplication;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile: no demo users, and no start at all without an admin password from the environment. */
class ProdProfileTest {

  @Test
  @DisplayName("prod 配置没有管理员密码时拒绝启动")
  void prodWithoutAdminPassword_refusesToStart() {
    assertThatThrownBy(() -> prod().run("--spring.datasource.url=jdbc:h2:mem:prod-refused"))
        .hasMessageContaining("SHEQU_ADMIN_PASSWORD");
    assertThatThrownBy(() -> prod().run("--SHEQU_ADMIN_PASSWORD=demo"))
        .hasMessageContaining("SHEQU_ADMIN_PASSWORD");
  }

  @Test
  @DisplayName("prod 配置只创建管理员，不创建演示用户")
  void prodCreatesNoDemoUsers() {
    try (ConfigurableApplicationContext context = prod().run(
        "--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret", "--SHEQU_ADMIN_USER=admin",
        "--spring.datasource.url=jdbc:h2:mem:prod-users;DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        // its own engine name and no second Camunda webapp: Camunda keeps engines and the webapps' lazy filters in
        // static registries, so a second "default" engine and webapp, once closed, broke every REST and webapp test
        // that ran after this one in the same JVM (404 "Process engine default not available", 500 at login)
        "--camunda.bpm.process-engine-name=prodProfileTest",
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration")) {
      IdentityService identity = context.getBean(IdentityService.class);

      assertThat(identity.createUserQuery().list()).extracting(u -> u.getId()).containsExactly("admin");
      assertThat(identity.checkPassword("admin", "Benxi-2026-secret")).isTrue();
      assertThat(identity.createUserQuery().userId("zhangwei").count()).isZero();
      assertThat(identity.createGroupQuery().groupId("managers").count()).isEqualTo(1);
    }
  }

  private static SpringApplicationBuilder prod() {
    return new SpringApplicationBuilder(ShequFlowApplication.class).profiles("prod");
  }
}
