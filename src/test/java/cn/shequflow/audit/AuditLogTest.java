package cn.shequflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.RawHttp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 11 (等保 2.0): what an operator and an attacker do leaves rows in the one audit table — logins,
 * profile views, deployments, user, membership and authorization changes made over REST — with who, what, which id,
 * when, source address and outcome, but never a password or household data; admins read it on a Chinese page, and
 * rows older than the retention (at least 180 days) are purged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE_PASSWORD = "Probe#Pass-2026-xyz";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditLog audit;

  private Timestamp start;

  @BeforeEach
  void mark() {
    start = new Timestamp(ClockUtil.getCurrentTime().getTime() - 1000);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("issue 10 item 11 管理员经 REST 新建用户、加入网格、授权、改密码、删除：每一步都有审计记录，不含密码")
  void userAndAuthorizationChanges_areAudited_withoutPasswords() throws Exception {
    String user = "{\"profile\":{\"id\":\"auditprobe\",\"firstName\":\"审计\",\"lastName\":\"探针\"},"
        + "\"credentials\":{\"password\":\"" + PROBE_PASSWORD + "\"}}";
    assertThat(admin().post("/engine-rest/user/create", "application/json", bytes(user), false).status())
        .isEqualTo(204);
    assertThat(admin().send("PUT", "/engine-rest/group/grid-1/members/auditprobe", null, false).status())
        .isEqualTo(204);
    String grant = JSON.writeValueAsString(Map.of("type", 1, "permissions", List.of("ACCESS"),
        "userId", "auditprobe", "resourceType", 0, "resourceId", "tasklist"));
    RawHttp.Response granted = admin().post("/engine-rest/authorization/create", "application/json", bytes(grant),
        false);
    assertThat(granted.status()).isEqualTo(200);
    assertThat(admin().header("Content-Type", "application/json").send("PUT",
        "/engine-rest/user/auditprobe/credentials", bytes("{\"password\":\"" + PROBE_PASSWORD + "-2\","
            + "\"authenticatedUserPassword\":\"demo\"}"), false).status()).isEqualTo(204);
    assertThat(admin().send("DELETE", "/engine-rest/authorization/" + JSON.readTree(granted.body()).get("id")
        .asText(), null, false).status()).isEqualTo(204);
    assertThat(admin().send("DELETE", "/engine-rest/group/grid-1/members/auditprobe", null, false).status())
        .isEqualTo(204);
    assertThat(admin().send("DELETE", "/engine-rest/user/auditprobe", null, false).status()).isEqualTo(204);

    List<String> rows = rows("action in ('USER', 'MEMBERSHIP', 'AUTHORIZATION')");
    assertThat(rows).contains("demo|USER|Create|auditprobe|success|127.0.0.1|rest",
        "demo|MEMBERSHIP|Create|auditprobe → grid-1|success|127.0.0.1|rest",
        "demo|AUTHORIZATION|Create|-|success|127.0.0.1|rest",
        "demo|USER|Update|auditprobe|success|127.0.0.1|rest",
        "demo|AUTHORIZATION|Delete|-|success|127.0.0.1|rest",
        "demo|MEMBERSHIP|Delete|auditprobe → grid-1|success|127.0.0.1|rest",
        "demo|USER|Delete|auditprobe|success|127.0.0.1|rest");
    // one row per operation, although the engine logs each changed property separately
    assertThat(rows("action = 'AUTHORIZATION' and operation = 'Create'")).hasSize(1);
    assertThat(jdbc.queryForObject("select detail from audit_log where action = 'AUTHORIZATION' "
        + "and operation = 'Create' and occurred_at >= ?", String.class, start))
        .contains("auditprobe").contains("tasklist").contains("ACCESS");
    assertNoRowContains(PROBE_PASSWORD);
    assertNoRowContains("demo:");
  }

  @Test
  @DisplayName("issue 10 item 11 经 REST 部署与删除部署：记录部署编号和操作人")
  void deploymentsOverRest_areAudited() throws Exception {
    String bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://shequflow.cn/audit">
          <process id="audit-probe" name="审计探针" isExecutable="true" camunda:historyTimeToLive="P1D">
            <startEvent id="Start"/><sequenceFlow id="Flow" sourceRef="Start" targetRef="End"/><endEvent id="End"/>
          </process>
        </definitions>""";
    String boundary = "audit-boundary";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\naudit-probe\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"audit-probe.bpmn\"\r\n"
        + "Content-Type: application/xml\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
    RawHttp.Response deployed = admin().post("/engine-rest/deployment/create",
        "multipart/form-data; boundary=" + boundary, bytes(body), false);
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    String id = JSON.readTree(deployed.body()).get("id").asText();
    assertThat(admin().send("DELETE", "/engine-rest/deployment/" + id + "?cascade=true", null, false).status())
        .isEqualTo(204);

    assertThat(rows("action = 'DEPLOYMENT'")).contains("demo|DEPLOYMENT|Create|" + id + "|success|127.0.0.1|rest",
        "demo|DEPLOYMENT|Delete|" + id + "|success|127.0.0.1|rest");
  }

  @Test
  @DisplayName("issue 10 item 11 查阅住户档案（允许与拒绝）记入审计日志，只记住户编号，不记住户信息")
  void profileViews_areAudited_withoutHouseholdData() throws Exception {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", "T-AUDIT-1", "grid-1", "崔东街道审计楼1单元", "审计户主甲",
        "13941409999", "", "test", new Timestamp(System.currentTimeMillis()));
    long id = jdbc.queryForObject("select id from household where household_no = 'T-AUDIT-1'", Long.class);

    assertThat(RawHttp.to(port).basic("lina", "demo").get("/api/households/" + id + "/profile").status())
        .isEqualTo(403);
    assertThat(RawHttp.to(port).basic("zhangwei", "demo").get("/households/" + id).body()).contains("审计户主甲");

    assertThat(rows("action = 'PROFILE_VIEW' and object_id = '" + id + "'")).containsExactlyInAnyOrder(
        "lina|PROFILE_VIEW|read|" + id + "|denied|127.0.0.1|app",
        "zhangwei|PROFILE_VIEW|read|" + id + "|success|127.0.0.1|app");
    assertNoRowContains("审计户主甲");
    assertNoRowContains("13941409999");
    assertNoRowContains("审计楼");
  }

  @Test
  @DisplayName("issue 10 item 11 每次 REST 调用都重新校验密码：同一用户同一地址 30 分钟内的成功登录只记一条，失败每次都记")
  void basicLoginSuccesses_areRecordedOncePerInterval() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS)));
    start = new Timestamp(ClockUtil.getCurrentTime().getTime());
    for (int i = 0; i < 3; i++) {
      assertThat(RawHttp.to(port).from("127.0.0.4").basic("chenjing", "demo").get("/engine-rest/task").status())
          .isEqualTo(200);
    }
    assertThat(rows("action = 'LOGIN' and source_address = '127.0.0.4'"))
        .containsExactly("chenjing|LOGIN|-|chenjing|success|127.0.0.4|rest");

    ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(31).toMillis()));
    assertThat(RawHttp.to(port).from("127.0.0.4").basic("chenjing", "demo").get("/engine-rest/task").status())
        .isEqualTo(200);
    assertThat(rows("action = 'LOGIN' and source_address = '127.0.0.4'")).hasSize(2);
  }

  @Test
  @DisplayName("issue 10 item 11 审计日志页面仅管理员可看（中文、服务端渲染），可按事件筛选；网格员 403，匿名 401，错误日期 400")
  void auditPage_isForAdminsOnly() throws Exception {
    audit.record(AuditLog.Event.of("demo", AuditLog.USER, "User", "page-probe", AuditLog.SUCCESS).operation("Create"));

    RawHttp.Response page = RawHttp.to(port).basic("demo", "demo").get("/admin/audit?action=USER");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("审计日志", "用户变更", "新建", "page-probe", "保留期限 180 天")
        .doesNotContain("查阅住户档案</td>");
    assertThat(RawHttp.to(port).basic("zhangwei", "demo").get("/admin/audit").status()).isEqualTo(403);
    RawHttp.Response anonymous = RawHttp.to(port).get("/admin/audit");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).contains("仅限系统管理员");
    RawHttp.Response badDate = RawHttp.to(port).basic("demo", "demo").get("/admin/audit?from=2026-13-45");
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.body()).contains("yyyy-MM-dd");
    assertThat(RawHttp.to(port).basic("demo", "demo").get("/admin/audit?action=%3Cscript%3E").status())
        .isEqualTo(400);
  }

  @Test
  @DisplayName("issue 12 审计日志页面由模板渲染：记录中的用户名、对象和说明，以及回显的筛选条件都经过转义，不能在页面中执行")
  void auditPage_escapesWhatItShows() throws Exception {
    String hostile = "<script>alert('audit')</script>";
    audit.record(AuditLog.Event.of(hostile, AuditLog.EXPORT, "case", "\"><img src=x>", AuditLog.FAILURE)
        .detail("<b>说明</b>"));
    audit.record(AuditLog.Event.of(null, AuditLog.EXPORT, "case", "anonymous-probe", AuditLog.SUCCESS));

    RawHttp.Response page = admin().get("/admin/audit?action=EXPORT&actor=%22%3E%3Cscript%3Ex%3C%2Fscript%3E");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script>", "<img src=x>", "<b>说明</b>")
        .contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;", "没有符合条件的记录。")
        .containsSubsequence("共 0 条，第 1 / 1 页", "共 0 条，第 1 / 1 页");

    RawHttp.Response all = admin().get("/admin/audit?action=EXPORT");
    assertThat(all.body()).doesNotContain("<script>", "<img src=x>", "<b>说明</b>")
        .contains("&lt;script&gt;alert(&#39;audit&#39;)&lt;/script&gt;", "case &quot;&gt;&lt;img src=x&gt;",
            "&lt;b&gt;说明&lt;/b&gt;", "<td class=\"bad\">失败</td>", "（匿名或未知）", "anonymous-probe",
            "<option value=\"EXPORT\" selected=\"selected\">导出</option>");
  }

  @Test
  @DisplayName("issue 10 item 11 保留期：超过 180 天的记录每日清除，180 天以内的保留；配置少于 180 天时拒绝启动")
  void retention_keeps180Days() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(181))));
    audit.record(AuditLog.Event.of("old-probe", AuditLog.EXPORT, "case", "JD-OLD", AuditLog.SUCCESS));
    ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(179))));
    audit.record(AuditLog.Event.of("recent-probe", AuditLog.EXPORT, "case", "JD-RECENT", AuditLog.SUCCESS));
    ClockUtil.setCurrentTime(Date.from(now));

    assertThat(audit.purge()).isGreaterThanOrEqualTo(1);

    assertThat(jdbc.queryForList("select actor from audit_log where actor like '%-probe' and action = 'EXPORT'",
        String.class)).containsExactly("recent-probe");
    assertThatThrownBy(() -> new AuditProperties(Duration.ofDays(90), Duration.ofMinutes(30)))
        .hasMessageContaining("不能少于 180 天");
  }

  private RawHttp admin() {
    return RawHttp.to(port).basic("demo", "demo");
  }

  private List<String> rows(String condition) {
    return jdbc.queryForList("select coalesce(actor, '-') || '|' || action || '|' || coalesce(operation, '-') || '|' "
        + "|| coalesce(object_id, '-') || '|' || outcome || '|' || coalesce(source_address, '-') || '|' "
        + "|| coalesce(channel, '-') from audit_log where occurred_at >= ? and " + condition + " order by id",
        String.class, start);
  }

  private void assertNoRowContains(String text) {
    assertThat(jdbc.queryForObject("select count(*) from audit_log where actor like ? or object_id like ? "
        + "or detail like ? or operation like ?", Long.class, "%" + text + "%", "%" + text + "%", "%" + text + "%",
        "%" + text + "%")).as(text).isZero();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
