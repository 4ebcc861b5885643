package cn.shequflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17 item 5 over real HTTP: /actuator/health (database, mail, process engine, jobs) and the metrics
 * (cases started, closed, overdue; job backlog; incidents) answer the machine itself and system administrators; a
 * request that came through a proxy is an outsider's, and gets 401/403 in Chinese; nothing else of the actuator is
 * exposed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OperatorEndpointsTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl configuration;
  @Autowired EngineMetrics metrics;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("本机：/actuator/health 列出数据库、邮件、流程引擎和作业（执行器、积压、失败、事故）")
  void healthOnThisMachine() throws Exception {
    RawHttp.Response health = RawHttp.to(port).get("/actuator/health");

    assertThat(health.status()).isIn(200, 503);
    JsonNode components = json.readTree(health.body()).path("components");
    assertThat(components.path("db").path("status").asText()).as(health.body()).isEqualTo("UP");
    assertThat(components.path("processEngine").path("status").asText()).as(health.body()).isEqualTo("UP");
    // the test profile switches the job executor off: known, and said so
    assertThat(components.path("jobs").path("status").asText()).as(health.body()).isEqualTo("UNKNOWN");
    assertThat(components.path("jobs").path("details").path("executor").asText()).isEqualTo("按配置关闭");
    assertThat(components.path("jobs").path("details").path("backlog").isNumber()).isTrue();
    assertThat(components.has("mail")).as(health.body()).isTrue();
  }

  @Test
  @DisplayName("作业执行器应运行而没有运行：jobs 为 DOWN，并说明到期的期限不会触发")
  void jobsDownWhenTheExecutorShouldRunAndDoesNot() {
    JobsHealth health = new JobsHealth(configuration, metrics, true);

    assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.health().getDetails().get("executor")).isEqualTo("未运行：到期的期限、提醒和邮件不会触发");
  }

  @Test
  @DisplayName("经反向代理来的请求：未登录 401、网格员和书记 403（中文），系统管理员可看")
  void throughTheProxyOnlyAdmins() throws Exception {
    RawHttp.Response anonymous = RawHttp.to(port).header("X-Forwarded-For", "203.0.113.7").get("/actuator/health");
    RawHttp.Response worker = RawHttp.to(port).header("X-Forwarded-For", "203.0.113.7").basic("zhangwei", "demo")
        .get("/actuator/metrics/shequ.cases.started");
    RawHttp.Response manager = RawHttp.to(port).header("X-Real-IP", "203.0.113.7").basic("liuyang", "demo")
        .get("/actuator/health");
    RawHttp.Response admin = RawHttp.to(port).header("Forwarded", "for=203.0.113.7").basic("demo", "demo")
        .get("/actuator/health");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(json.readTree(anonymous.body()).path("message").asText()).contains("只对本机和系统管理员开放");
    assertThat(anonymous.body()).doesNotContain("UP", "components");
    assertThat(worker.status()).isEqualTo(403);
    assertThat(json.readTree(worker.body()).path("message").asText()).isEqualTo("运行状态和指标只对系统管理员开放");
    assertThat(manager.status()).isEqualTo(403);
    assertThat(admin.status()).isIn(200, 503);
    assertThat(json.readTree(admin.body()).path("components").has("db")).isTrue();
  }

  @Test
  @DisplayName("指标：登记的事项、已办结、逾期未办结（按类别），作业积压、失败作业、事故，与数据库一致")
  void metricsMatchTheDatabase() throws Exception {
    organisation.runAs("zhangwei", () -> runtime.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    long registered = jdbc.queryForObject("select count(*) from case_register where kind = 'reception'", Long.class);
    long closed = jdbc.queryForObject(
        "select count(*) from case_register where kind = 'reception' and status = 'closed'", Long.class);

    assertThat(value("shequ.cases.started?tag=kind:reception")).isEqualTo(registered).isPositive();
    assertThat(value("shequ.cases.closed?tag=kind:reception")).isEqualTo(closed);
    assertThat(value("shequ.cases.overdue?tag=kind:complaint")).isGreaterThanOrEqualTo(0);
    assertThat(value("shequ.incidents.open")).isEqualTo(runtime.createIncidentQuery().count());
    assertThat(value("shequ.jobs.backlog")).isGreaterThanOrEqualTo(0);
    assertThat(value("shequ.jobs.failed")).isGreaterThanOrEqualTo(0);
  }

  @Test
  @DisplayName("其余端点（环境变量、bean、日志级别、关机）一律不开放，本机也不行")
  void nothingElseIsExposed() throws Exception {
    for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/loggers", "/actuator/shutdown",
        "/actuator/heapdump"}) {
      assertThat(RawHttp.to(port).basic("demo", "demo").get(path).status()).as(path).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("本机的判断：回环地址且没有转发头；别的地址、或带转发头的回环请求都不算")
  void whatCountsAsThisMachine() {
    assertThat(OperatorEndpointsFilter.fromThisMachine(request("127.0.0.1", null))).isTrue();
    assertThat(OperatorEndpointsFilter.fromThisMachine(request("::1", null))).isTrue();
    assertThat(OperatorEndpointsFilter.fromThisMachine(request("10.0.0.5", null))).isFalse();
    assertThat(OperatorEndpointsFilter.fromThisMachine(request("127.0.0.1", "198.51.100.1"))).isFalse();
  }

  private long value(String metric) throws Exception {
    RawHttp.Response response = RawHttp.to(port).get("/actuator/metrics/" + metric);
    assertThat(response.status()).as(metric + " " + response.body()).isEqualTo(200);
    return json.readTree(response.body()).path("measurements").get(0).path("value").asLong();
  }

  private static MockHttpServletRequest request(String address, String forwardedFor) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(address);
    if (forwardedFor != null) {
      request.addHeader("X-Forwarded-For", forwardedFor);
    }
    return request;
  }
}
