package cn.shequflow.register;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The register's staff pages (issue 13 item 6, issue 14 item 1) over real HTTP in the Tasklist session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseRegisterPageTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;

  @Test
  @DisplayName("R-4.1-2 网格员在事项台账按居民姓名找到已办结的事项，点开看到办理经过；全是中文，电话隐去中间四位")
  void aWorkerFindsAClosedCaseByName_andOpensItsHistory() throws Exception {
    String resident = CaseRegisterTest.uniqueName();
    ProcessInstance pi = closedCase("zhangwei", resident);

    StaffSession zhangwei = StaffSession.tasklist(port, "zhangwei");
    RawHttp.Response list = zhangwei.get("/staff/cases?q=" + URLEncoder.encode(resident, StandardCharsets.UTF_8));
    assertThat(list.status()).isEqualTo(200);
    String text = StaffSession.visibleText(list.body());
    assertThat(text).contains("事项台账", "第一网格", pi.getBusinessKey(), resident, "139****0001", "已办结",
        "当场答复，办结", "共 1 件");
    assertThat(list.body()).contains("href=\"/staff/cases/" + pi.getBusinessKey() + "\"", "href=\"/api/cases/export?q=");
    assertThat(StaffSession.visibleText(list.body())).contains("导出 Excel（本次查询的全部 1 件）");
    assertThat(StaffSession.englishWordsOutsideCodes(list.body(), "Excel")).isEmpty();

    RawHttp.Response opened = zhangwei.get("/staff/cases/" + pi.getBusinessKey());
    assertThat(opened.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(opened.body())).contains("办理经过", "受理并答复居民", "张伟", "活动室每天开放");
    assertThat(StaffSession.englishWordsOutsideCodes(opened.body())).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where actor = 'zhangwei' and action = 'CASE_VIEW' "
        + "and object_id = ?", Long.class, pi.getBusinessKey())).isGreaterThanOrEqualTo(1);
  }

  @Test
  @DisplayName("R-4.1-1 别的网格的事项 403，不存在的 404，未登录 401，错误的日期 400（中文）；分析员看不到台账")
  void refusals() throws Exception {
    ProcessInstance pi = closedCase("zhangwei", "页面乙");
    RawHttp.Response other = StaffSession.tasklist(port, "lina").get("/staff/cases/" + pi.getBusinessKey());
    assertThat(other.status()).isEqualTo(403);
    assertThat(StaffSession.visibleText(other.body())).contains("您无权查看该事项");
    assertThat(StaffSession.tasklist(port, "lina").get("/staff/cases/JD19990101-00001").status()).isEqualTo(404);
    assertThat(StaffSession.anonymous(port).get("/staff/cases").status()).isEqualTo(401);
    RawHttp.Response bad = StaffSession.tasklist(port, "liuyang").get("/staff/cases?from=2026-02-30");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(StaffSession.visibleText(bad.body())).contains("应为 yyyy-MM-dd 格式的日期");
    assertThat(StaffSession.basic(port, "zhaolei").get("/staff/cases").status()).isEqualTo(403);
    assertThat(StaffSession.basic(port, "chenjing").get("/staff").body()).contains("href=\"/staff/cases\"");
  }

  private ProcessInstance closedCase(String worker, String name) {
    Map<String, Object> input = ReceptionInput.of("visit");
    input.put("residentName", name);
    ProcessInstance pi = organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
    // submitted as Tasklist does, so the history shows what was entered
    organisation.runAs(worker, () -> formService.submitTaskFormWithVariablesInReturn(
        taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
        Map.of("outcome", "answered", "answer", "活动室每天开放"), false));
    return pi;
  }
}
