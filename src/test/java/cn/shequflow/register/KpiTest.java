package cn.shequflow.register;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DemoRest;
import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The service figures (issue 14 item 2) on hand-built cases with known outcomes, received in March 2031, a month no
 * other test uses: on time, late, open and overdue (answered or not), rated or not, 不满意 then rectified. Every
 * count and rate of the contract is asserted, for the manager and for a worker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiTest {

  private static final String MARCH = "from=2031-03-01&to=2031-03-31";

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Autowired TestRestTemplate rest;
  DemoRest http;

  /**
   * On Monday 3 March 2031, 张伟 (grid 1) receives A (answered at once, rated 满意), B (promised for the 4th, replied
   * late on the 6th, rated 基本满意), C (promised for the 4th, still open), D (answered at once, rated 不满意: its
   * complaint E is handled and closed the same day) and F (a letter, never answered); 李娜 (grid 2) answers G at once.
   * The figures are read on the 10th.
   */
  @BeforeAll
  void cases() {
    http = new DemoRest(rest);
    drainLeftovers(managementService);
    setClock(shanghai(2031, 3, 3, 10, 0));
    ProcessInstance a = start("zhangwei", "visit");
    ProcessInstance b = start("zhangwei", "visit");
    ProcessInstance c = start("zhangwei", "visit");
    ProcessInstance d = start("zhangwei", "visit");
    start("zhangwei", "letter");
    ProcessInstance g = start("lina", "visit");

    setClock(shanghai(2031, 3, 3, 10, 10));
    answer(a);
    answer(d);
    answer(g);
    taskService.complete(task(b), Map.of("outcome", "replyLater", "promisedReplyDate", "2031-03-04"));
    taskService.complete(task(c), Map.of("outcome", "replyLater", "promisedReplyDate", "2031-03-04"));
    assertThat(cards.rate(token(a), "satisfied", "", "worker:zhangwei")).isEqualTo(FeedbackCards.Result.RECORDED);
    assertThat(cards.rate(token(d), "dissatisfied", "答复太简单", "resident")).isEqualTo(FeedbackCards.Result.RECORDED);

    ProcessInstance e = runtimeService.createProcessInstanceQuery().processDefinitionKey("complaint")
        .variableValueEquals("relatedCase", d.getBusinessKey()).singleResult();
    setClock(shanghai(2031, 3, 3, 15, 0));
    taskService.complete(task(e), Map.of("acknowledgeNote", "已受理", "acknowledgeMethod", "phone"));
    taskService.complete(task(e), Map.of("findings", "答复过于简单属实", "substantiated", "yes"));
    taskService.complete(task(e), Map.of("correctiveAction", "重新详细答复", "preventiveAction", "答复前核对问题"));
    taskService.complete(task(e), Map.of("feedbackNote", "已重新答复", "feedbackMethod", "phone"));
    runAsyncSteps(managementService);
    taskService.complete(task(e), Map.of("returnRating", "satisfied", "returnComment", "满意"));
    taskService.complete(task(e), Map.of("reviewNote", "同意", "closeCase", true));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(e.getId()).count()).isZero();

    setClock(shanghai(2031, 3, 6, 10, 0));
    taskService.complete(task(b), Map.of("answer", "已答复活动安排", "replyMethod", "phone"));
    runAsyncSteps(managementService);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(b.getId()).count()).isZero();
    assertThat(cards.rate(token(b), "basicallySatisfied", "", "resident")).isEqualTo(FeedbackCards.Result.RECORDED);
  }

  @BeforeEach
  void tenthOfMarch() {
    setClock(shanghai(2031, 3, 10, 9, 0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("issue 14 书记/主任看全社区：每个计数（分子、分母）和比率都与手工事项的结果一致")
  void theManagersFigures_matchTheCasesOneByOne() throws Exception {
    JsonNode kpi = kpi("liuyang", MARCH);
    JsonNode total = kpi.get("total");
    // A B C D F G and the complaint E
    assertThat(counts(total)).containsExactly(7L, 6L, 6L, 5L, 4L, 2L, 3L, 2L, 1L, 1L);
    assertThat(total.get("responseRate").asDouble()).isEqualTo(0.8571); // 6 of 7 answered in time (F not at all)
    assertThat(total.get("closeRate").asDouble()).isEqualTo(0.7143); // A B D G E of 7
    assertThat(total.get("onTimeRate").asDouble()).isEqualTo(0.8); // B late
    assertThat(total.get("satisfactionRate").asDouble()).isEqualTo(0.6667); // A and B of A B D
    assertThat(total.get("returnVisitRate").asDouble()).isEqualTo(0.6); // 3 rated of 5 closed
    assertThat(total.get("rectificationRate").asDouble()).isEqualTo(1.0); // E closed within its limit
    assertThat(kpi.get("scope").asText()).isEqualTo("全社区");
    assertThat(kpi.get("definitions").get("onTimeRate").asText()).startsWith("按时办结率");

    JsonNode grid1 = line(kpi.get("byGrid"), "grid-1");
    assertThat(grid1.get("name").asText()).isEqualTo("第一网格");
    assertThat(counts(grid1)).containsExactly(5L, 4L, 4L, 3L, 2L, 2L, 3L, 2L, 1L, 1L);
    assertThat(counts(line(kpi.get("byGrid"), "grid-2"))).containsExactly(1L, 1L, 1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L);
    assertThat(line(kpi.get("byGrid"), "grid-2").get("satisfactionRate").isNull()).as("nothing rated").isTrue();
    assertThat(line(kpi.get("byWorker"), "zhangwei").get("name").asText()).isEqualTo("张伟");
    assertThat(line(kpi.get("byChannel"), "letter").get("overdueOpen").asLong()).isEqualTo(1);
    assertThat(line(kpi.get("byChannel"), "card").get("received").asLong()).as("the complaint").isEqualTo(1);
    assertThat(line(kpi.get("byCategory"), "general-inquiry").get("received").asLong()).isEqualTo(6);

    JsonNode letters = kpi("liuyang", MARCH + "&channel=letter").get("total");
    assertThat(counts(letters)).containsExactly(1L, 0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L);
    assertThat(letters.get("onTimeRate").isNull()).as("null when nothing closed").isTrue();
    assertThat(kpi("liuyang", "from=2031-04-01&to=2031-04-30").get("total").get("received").asLong()).isZero();
  }

  @Test
  @DisplayName("issue 14 每个数字都能打开它背后的台账行：按 measure 查台账，件数与指标相同")
  void everyFigure_opensTheRowsBehindIt() throws Exception {
    JsonNode total = kpi("liuyang", MARCH).get("total");
    for (String measure : java.util.List.of("received", "responded", "respondedOnTime", "closed", "closedOnTime",
        "overdueOpen", "ratings", "satisfied", "unsatisfied", "unsatisfiedRectified")) {
      ResponseEntity<String> rows = http.get("liuyang", "/api/cases?" + MARCH + "&measure=" + measure);
      assertThat(rows.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(DemoRest.JSON.readTree(rows.getBody()).get("total").asLong()).as(measure)
          .isEqualTo(total.get(measure).asLong());
    }
    assertThat(http.get("liuyang", "/api/cases?measure=everything").getBody()).contains("指标（measure）应为");
  }

  @Test
  @DisplayName("issue 14 月报：按网格的指标和合计、本月逾期和不满意的事项，用 POI 读回；记入审计日志；错误月份 400")
  void theMonthlyReport_readsBackWithTheFigures() throws Exception {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setBasicAuth("liuyang", "demo");
    ResponseEntity<byte[]> answer = rest.exchange("/api/kpi/monthly-report?month=2031-03",
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(headers), byte[].class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getFirst("Content-Disposition")).contains("monthly-report-2031-03.xlsx",
        "filename*=UTF-8''");
    try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(answer.getBody()))) {
      var figures = book.getSheet("月度指标");
      assertThat(figures.getRow(0).getCell(0).getStringCellValue()).contains("2031年3月", "全社区");
      assertThat(figures.getRow(1).getCell(0).getStringCellValue()).isEqualTo("网格");
      assertThat(figures.getRow(1).getCell(11).getStringCellValue()).isEqualTo("响应率");
      var whole = figures.getRow(figures.getLastRowNum());
      assertThat(whole.getCell(0).getStringCellValue()).isEqualTo("合计");
      assertThat(whole.getCell(1).getNumericCellValue()).isEqualTo(7);
      assertThat(whole.getCell(6).getNumericCellValue()).as("overdue").isEqualTo(2);
      assertThat(whole.getCell(11).getNumericCellValue()).isEqualTo(0.8571);
      assertThat(book.getSheet("逾期未办结").getLastRowNum()).as("C and F").isEqualTo(2);
      var unsatisfied = book.getSheet("不满意评价");
      assertThat(unsatisfied.getLastRowNum()).isEqualTo(1);
      assertThat(unsatisfied.getRow(1).getCell(9).getStringCellValue()).contains("已按时整改");
      assertThat(book.getSheet("指标定义").getRow(0).getCell(0).getStringCellValue()).startsWith("统计期内受理");
    }
    assertThat(http.get("liuyang", "/api/kpi/monthly-report?month=2031-3x").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.get("zhaolei", "/api/kpi/monthly-report").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @DisplayName("R-4.1-1 网格员只得到本网格的指标，指定别的网格也一样；投诉（不属网格）不计入网格员的指标")
  void aWorker_getsTheirOwnGridOnly() throws Exception {
    JsonNode own = kpi("zhangwei", MARCH + "&grid=grid-2");
    assertThat(counts(own.get("total"))).containsExactly(5L, 4L, 4L, 3L, 2L, 2L, 3L, 2L, 1L, 1L);
    assertThat(own.get("byGrid")).hasSize(1);
    assertThat(own.get("scope").asText()).isEqualTo("第一网格");
    assertThat(kpi("lina", MARCH).get("total").get("received").asLong()).isEqualTo(1);
  }

  @Test
  @DisplayName("issue 14 指标接口：错误日期 400（中文），未登录 401，分析员 403")
  void refusals() {
    ResponseEntity<String> bad = http.get("liuyang", "/api/kpi?from=2031-02-30");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("应为 yyyy-MM-dd 格式的日期");
    assertThat(rest.getForEntity("/api/kpi", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.get("zhaolei", "/api/kpi").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private JsonNode kpi(String user, String query) throws Exception {
    ResponseEntity<String> answer = http.get(user, "/api/kpi?" + query);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return DemoRest.JSON.readTree(answer.getBody());
  }

  /** received, responded, respondedOnTime, closed, closedOnTime, overdueOpen, ratings, satisfied, unsatisfied, rectified. */
  private static java.util.List<Long> counts(JsonNode figures) {
    return java.util.stream.Stream.of("received", "responded", "respondedOnTime", "closed", "closedOnTime",
        "overdueOpen", "ratings", "satisfied", "unsatisfied", "unsatisfiedRectified")
        .map(name -> figures.get(name).asLong()).toList();
  }

  private static JsonNode line(JsonNode lines, String key) {
    for (JsonNode line : lines) {
      if (key.equals(line.get("key").asText())) {
        return line;
      }
    }
    throw new AssertionError("no line " + key + " in " + lines);
  }

  private ProcessInstance start(String worker, String channel) {
    Map<String, Object> input = ReceptionInput.of(channel);
    return organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  private void answer(ProcessInstance pi) {
    taskService.complete(task(pi), Map.of("outcome", "answered", "answer", "已答复"));
  }

  private String task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  private String token(ProcessInstance pi) {
    return cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();
  }
}
