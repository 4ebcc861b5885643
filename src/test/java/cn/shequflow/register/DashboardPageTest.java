package cn.shequflow.register;

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
    assertThat(StaffSession.englishWordsOutsideCodes(page.body())).isEmpty();
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
