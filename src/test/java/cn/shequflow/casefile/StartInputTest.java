package cn.shequflow.casefile;

import static cn.shequflow.DemoRest.read;
import static cn.shequflow.DemoRest.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.DemoRest;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 items 3 and 8 (findings 3 and 8): every start a user may make checks every start variable against the
 * starter and sane bounds — receipt time window, the starter's own grid and household, lengths within the columns the
 * texts land in — and what a caller may not set (first responder, number, deadlines, flags) is never trusted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StartInputTest {

  private static final String RECEPTION = "/engine-rest/process-definition/key/reception/start";

  @Autowired TestRestTemplate template;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired WorkingDayCalendar workingDays;

  DemoRest rest;

  @BeforeEach
  void init() {
    rest = new DemoRest(template);
  }

  @Test
  @DisplayName("issue 10 item 3 / finding 8：受理时间在1900年、在将来、早于30天被拒绝（400 中文）；书记可补登一年内的来信")
  void receivedAtOutsideTheWindowIsRefused() {
    Date now = new Date();
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("receivedAt", "1900-01-01T10:00"))),
        "受理时间不能早于30天前");
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("receivedAt", daysAgo(now, -2)))),
        "受理时间不能晚于当前时间");
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("receivedAt", daysAgo(now, 31)))),
        "受理时间不能早于30天前");
    assertThat(rest.post("zhangwei", RECEPTION, reception(Map.of("receivedAt", daysAgo(now, 29)))).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(rest.post("liuyang", RECEPTION, reception(Map.of("receivedAt", daysAgo(now, 40), "grid", "grid-1")))
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertBadRequest(rest.post("liuyang", RECEPTION,
        reception(Map.of("receivedAt", "1900-01-01T10:00", "grid", "grid-1"))), "受理时间不能早于366天前");
  }

  @Test
  @DisplayName("issue 10 item 3：调用方不能设置的启动变量（首问责任人、网格、编号、时限、内部标志、优先级、业务键）被忽略")
  void whatACallerMayNotSetIsIgnored() {
    Map<String, Object> forged = new LinkedHashMap<>(Map.of("firstResponder", "lina", "grid", "grid-2",
        "caseNumber", "FORGED-1", "timeLimitDays", 2_000_000_000, "internalReport", true, "taskPriority", 999_999,
        "replyDueAt", "2099-12-31T17:00:00"));
    ResponseEntity<String> started = rest.post("zhangwei", RECEPTION, reception(forged, "businessKey", "FORGED-1"));

    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode instance = read(started);
    String id = instance.get("id").asText();
    assertThat(instance.get("businessKey").asText()).matches("JD\\d{8}-\\d{5}");
    Map<String, Object> variables = runtimeService.getVariables(id);
    assertThat(variables).containsEntry("firstResponder", "zhangwei").containsEntry("grid", "grid-1")
        .containsEntry("caseNumber", instance.get("businessKey").asText()).doesNotContainKey("internalReport");
    assertThat((Integer) variables.get("timeLimitDays")).isLessThanOrEqualTo(CaseInput.WORKING_DAYS_MAX);
    assertThat(((Date) variables.get("replyDueAt")).getTime()).isLessThan(System.currentTimeMillis()
        + Duration.ofDays(30).toMillis());
    assertThat(taskService.createTaskQuery().processInstanceId(id).singleResult().getPriority()).isLessThan(999_999);
    assertThat(jdbc.queryForObject("select process_instance_id from case_number where case_number = ?", String.class,
        instance.get("businessKey").asText())).isEqualTo(id);
  }

  @Test
  @DisplayName("issue 10 item 3：住户编号只能是本网格的；网格必须存在")
  void aHouseholdOfAnotherGridOrAnUnknownGridIsRefused() {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values ('T-INPUT-H2', 'grid-2', '测试楼', '测试户主', '13941400097', '', 'test', ?)",
        new Timestamp(System.currentTimeMillis()));
    long grid2 = jdbc.queryForObject("select id from household where household_no = 'T-INPUT-H2'", Long.class);

    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("householdId", grid2))), "不属于本事项的网格");
    assertBadRequest(rest.post("liuyang", RECEPTION, reception(Map.of("grid", "grid-404"))), "网格“grid-404”不存在");
  }

  @Test
  @DisplayName("issue 10 item 8 / finding 8：250个字符的居民邮箱被拒绝；200个字符的邮箱事项可以正常办结")
  void aTooLongEmailIsRefused_andTheLongestAllowedOneStillCloses() {
    String tooLong = "a".repeat(233) + "@resident.example";
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("residentEmail", tooLong))), "电子邮箱过长");

    String longest = "b".repeat(CaseInput.EMAIL_MAX - "@resident.example".length()) + "@resident.example";
    Map<String, Object> input = new HashMap<>(Map.of("channel", "visit", "residentName", "孙桂兰",
        "residentPhone", "13941400001", "residentEmail", longest, "category", "general-inquiry", "summary", "咨询",
        "priorityGroup", "none"));
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        input));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    taskService.complete(task.getId(), Map.of("outcome", "answered", "answer", "已答复"));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(jdbc.queryForObject("select resident_email from feedback_card where process_instance_id = ?",
        String.class, pi.getId())).isEqualTo(longest);
  }

  @Test
  @DisplayName("issue 10 item 8：超长文本在落入的字段处被拒绝（摘要、住址、投诉内容、渠道、被投诉人），任务完成时超过4000字也是400")
  void textsLongerThanWhatStoresThemAreRefused() {
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("summary", "长".repeat(2001)))), "事项摘要过长");
    assertBadRequest(rest.post("zhangwei", "/engine-rest/process-definition/key/proxy-service/start",
        variables(Map.of("residentName", "孙桂兰", "residentPhone", "13941400001", "proxyItem", "senior-allowance",
            "summary", "代办", "residentAddress", "楼".repeat(301)))), "住址过长");
    String complaint = "/engine-rest/process-definition/key/complaint/start";
    Map<String, Object> valid = Map.of("kind", "complaint", "channel", "phone", "complainantName", "孙桂兰",
        "complainantPhone", "13941400001", "content", "来信未答复");
    assertBadRequest(rest.post("lina", complaint, variables(with(valid, "content", "诉".repeat(2001)))),
        "投诉或建议的内容过长");
    assertBadRequest(rest.post("lina", complaint, variables(with(valid, "channel", "x".repeat(40)))), "投诉渠道");
    assertBadRequest(rest.post("lina", complaint, variables(with(valid, "aboutWorker", "nobody"))), "不存在");

    String id = read(rest.post("zhangwei", RECEPTION, reception(Map.of()))).get("id").asText();
    String task = taskService.createTaskQuery().processInstanceId(id).singleResult().getId();
    ResponseEntity<String> completed = rest.post("zhangwei", "/engine-rest/task/" + task + "/complete",
        variables(Map.of("outcome", "answered", "answer", "答".repeat(4001))));
    assertBadRequest(completed, "“answer”过长");
    assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
  }

  @Test
  // the query strings, Basic logins and other bodies with U+0000 are in BadInputCorpusTest
  @DisplayName("PostgreSQL 不收空字符 U+0000：REST 请求在入口被拒（400 中文），经引擎接口写入的文字也被拒并指出字段，事项不留下")
  void nulCharacterIsRefusedBeforeTheDatabase() {
    long cases = runtimeService.createProcessInstanceQuery().processDefinitionKey("reception").count();
    assertBadRequest(rest.post("zhangwei", RECEPTION, reception(Map.of("summary", "咨询\u0000"))), "空字符（U+0000）");

    Map<String, Object> input = new HashMap<>(Map.of("channel", "phone", "residentName", "孙桂兰",
        "residentPhone", "13941400001", "category", "general-inquiry", "summary", "咨询\u0000", "priorityGroup",
        "none"));
    assertThatThrownBy(() -> organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input)))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("“summary”含有空字符");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("reception").count())
        .isEqualTo(cases);

    input.put("summary", "咨询");
    ProcessInstance started = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    Task task = taskService.createTaskQuery().processInstanceId(started.getId()).singleResult();
    assertThatThrownBy(() -> organisation.runAs("zhangwei", () -> {
      taskService.complete(task.getId(), Map.of("outcome", "answered", "answer", "已电话答复\u0000"));
      return null;
    })).isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("“answer”含有空字符");
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  @DisplayName("issue 10 item 3 / finding 3：上报流程的 timeLimitDays=2000000000 立即被拒绝；期限计算也有上限；服务目录时限都在范围内")
  void hugeWorkingDayNumbersAreRefusedAtOnce() throws Exception {
    Map<String, Object> input = new HashMap<>(Map.of("caseNumber", "ZB-TEST-HUGE", "firstResponder", "wangfang",
        "grid", "grid-3", "residentName", "值班报告", "residentEmail", "", "categoryName", "测试",
        "reportReason", "测试", "timeLimitDays", 2_000_000_000, "escalationTarget", "street-office",
        "internalReport", true));

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("escalation", "ZB-TEST-HUGE", input))
        .isInstanceOf(InvalidCaseInputException.class).hasMessageContaining("1到60之间的整数");
    assertThatThrownBy(() -> workingDays.deadline(new Date(), 2_000_000_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("工作日数过大");

    Matcher limits = Pattern.compile("(?s)<outputEntry id=\"[^\"]+\">\\s*<text>(\\d+)</text>")
        .matcher(Files.readString(Path.of("processes/service-catalogue.dmn")));
    int rows = 0;
    while (limits.find()) {
      assertThat(Integer.parseInt(limits.group(1))).isBetween(1, CaseInput.WORKING_DAYS_MAX);
      rows++;
    }
    assertThat(rows).isGreaterThan(20);
  }

  private static Map<String, Object> reception(Map<String, ?> extra, Object... body) {
    Map<String, Object> values = new LinkedHashMap<>(Map.of("channel", "phone", "residentName", "孙桂兰",
        "residentPhone", "13941400001", "category", "general-inquiry", "summary", "咨询", "priorityGroup", "none"));
    values.putAll(extra);
    return variables(values, body);
  }

  private static Map<String, Object> with(Map<String, Object> values, String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return copy;
  }

  private static Date daysAgo(Date now, int days) {
    return new Date(now.getTime() - Duration.ofDays(days).toMillis());
  }

  private static void assertBadRequest(ResponseEntity<String> response, String message) {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(read(response).get("message").asText()).contains(message);
  }
}
