package cn.shequflow.register;

import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * 服务指标 (issue 14 item 3) over real HTTP: on cases of May 2031 (a month only this test uses) the manager sees the
 * rates in their target colours, the overdue case, and links that open the register rows behind each figure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardPageTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  @Autowired org.camunda.bpm.engine.ManagementService managementService;
  @Autowired com.icegreen.greenmail.util.GreenMail greenMail;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("issue 14 书记/主任的服务指标页：比率、目标颜色、逾期事项，点数字进入对应的台账行；全是中文")
  void theManagerSeesTheMonth_andDrillsDown() throws Exception {
    setClock(shanghai(2031, 5, 6, 10, 0)); // a Tuesday
    ProcessInstance answered = start("zhangwei", "visit");
    taskService.complete(task(answered), Map.of("outcome", "answered", "answer", "已答复"));
    ProcessInstance letter = start("lina", "letter");
    setClock(shanghai(2031, 5, 20, 9, 0)); // the letter's reply is long overdue

    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    RawHttp.Response page = liuyang.get("/staff/dashboard?month=2031-05");
    assertThat(page.status()).isEqualTo(200);
    String text = StaffSession.visibleText(page.body());
    assertThat(text).contains("服务指标", "2031年5月", "全社区", "响应率", "50.0%", "办结率", "按时办结率", "100.0%",
        "已逾期", letter.getBusinessKey(), "指标的定义", "走访覆盖");
    // outside the lists, which show the shared test database's other cases (the bad-input tests' residents too)
    assertThat(StaffSession.englishWordsOutsideCodes(page.body().replaceAll("(?s)<tbody>.*?</tbody>", ""), "Excel"))
        .isEmpty();
    assertThat(page.body()).contains("tile-red", "tile-green", "/webjars/echarts/5.3.1/dist/echarts.min.js",
        "data-charts=", "/shequ-assets/dashboard.js")
        .contains("href=\"/staff/cases?from=2031-05-01&amp;measure=overdueOpen&amp;to=2031-05-31\"");

    RawHttp.Response rows = liuyang.get("/staff/cases?from=2031-05-01&measure=overdueOpen&to=2031-05-31");
    assertThat(rows.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(rows.body())).contains("只列出：逾期未办结", letter.getBusinessKey(), "共 1 件")
        .doesNotContain(answered.getBusinessKey());
    assertThat(RawHttp.to(port).get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
    assertThat(RawHttp.to(port).get("/shequ-assets/dashboard.js").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("R-4.2-1 书记/主任对逾期事项点“督办”：邮件提醒经办人，书记/主任收到跟进任务，经办人不变；网格员、无令牌、已办结的事项被拒绝")
  void theManagerSupervises_theHolderIsMailed_andAFollowUpTaskIsCreated() throws Exception {
    setClock(shanghai(2031, 6, 3, 10, 0)); // June: the drill-down test counts May's cases
    ProcessInstance letter = start("lina", "letter");
    ProcessInstance done = start("lina", "visit");
    taskService.complete(task(done), Map.of("outcome", "answered", "answer", "已答复"));
    setClock(shanghai(2031, 6, 17, 9, 0));
    greenMail.purgeEmailFromAllMailboxes();

    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    RawHttp.Response page = liuyang.post("/staff/dashboard/supervise", liuyang.withToken("/staff/dashboard",
        Map.of("caseNumber", letter.getBusinessKey(), "month", "2031-06")));
    assertThat(page.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(page.body())).contains("已督办事项 " + letter.getBusinessKey(), "李娜");

    ProcessInstance supervision = runtimeService.createProcessInstanceQuery().processDefinitionKey("supervision")
        .processInstanceBusinessKey(letter.getBusinessKey()).singleResult();
    assertThat(supervision).isNotNull();
    runAsyncSteps(managementService);
    var mails = java.util.Arrays.stream(greenMail.getReceivedMessages())
        .filter(m -> { try { return m.getSubject().contains("【督办】"); } catch (Exception e) { return false; } })
        .toList();
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getAllRecipients()[0].toString()).contains("lina");
    assertThat(mails.get(0).getContent().toString()).contains(letter.getBusinessKey(), "请尽快办理", "刘洋");
    var followUp = taskService.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(followUp.getTaskDefinitionKey()).isEqualTo("Task_SuperviseFollowUp");
    assertThat(taskService.getIdentityLinksForTask(followUp.getId()).stream().map(l -> l.getGroupId()))
        .contains("managers");
    assertThat(jdbc.queryForObject("select holder from case_register where case_number = ?", String.class,
        letter.getBusinessKey())).isEqualTo("lina");

    RawHttp.Response worker = StaffSession.tasklist(port, "zhangwei").post("/staff/dashboard/supervise",
        Map.of("caseNumber", letter.getBusinessKey()));
    assertThat(worker.status()).isEqualTo(403);
    assertThat(StaffSession.visibleText(worker.body())).contains("督办由社区书记/主任发起");
    assertThat(liuyang.post("/staff/dashboard/supervise", Map.of("caseNumber", letter.getBusinessKey())).status())
        .as("no form token").isEqualTo(403);
    RawHttp.Response closed = liuyang.post("/staff/dashboard/supervise", liuyang.withToken("/staff/dashboard",
        Map.of("caseNumber", done.getBusinessKey())));
    assertThat(closed.status()).isEqualTo(400);
    assertThat(StaffSession.visibleText(closed.body())).contains("只能督办正在办理的事项");
    assertThat(organisationStart()).as("nobody starts 督办 directly, not even a manager").isNotEqualTo("started");
  }

  private String organisationStart() {
    try {
      organisation.runAs("liuyang", () -> runtimeService.startProcessInstanceByKey("supervision", Map.of()));
      return "started";
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  @Test
  @DisplayName("issue 14 服务指标页：网格员只看本网格，分析员 403，未登录 401，错误月份 400")
  void refusals() throws Exception {
    RawHttp.Response worker = StaffSession.tasklist(port, "zhangwei").get("/staff/dashboard");
    assertThat(worker.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(worker.body())).contains("（第一网格）");
    assertThat(StaffSession.basic(port, "zhaolei").get("/staff/dashboard").status()).isEqualTo(403);
    assertThat(StaffSession.anonymous(port).get("/staff/dashboard").status()).isEqualTo(401);
    RawHttp.Response bad = StaffSession.tasklist(port, "liuyang").get("/staff/dashboard?month=2031-13");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(StaffSession.visibleText(bad.body())).contains("月份应为 yyyy-MM 格式");
  }

  private ProcessInstance start(String worker, String channel) {
    Map<String, Object> input = ReceptionInput.of(channel);
    return organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  private String task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }
}
