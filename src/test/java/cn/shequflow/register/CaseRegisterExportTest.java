package cn.shequflow.register;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The register's export (issue 14 item 4): the rows GET /api/cases gives the same user, as an .xlsx read back with
 * POI — Chinese headers, Beijing times, masked phones, formula-like text kept as text — and an audit row per export.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseRegisterExportTest {

  private static final AtomicInteger RESIDENTS = new AtomicInteger();
  private static final DataFormatter FORMAT = new DataFormatter();

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void init() {
    drainLeftovers(managementService);
    setClock(shanghai(2026, 12, 2, 10, 0)); // a Wednesday
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.1-1 issue 14 导出台账：xlsx 的中文表头、北京时间（到分）、隐去中间四位的电话；每个角色只得到自己可见的行（网格员指定别的网格也一样）")
  void export_hasChineseHeaders_andEachRoleGetsItsOwnRows() throws Exception {
    String name = uniqueName();
    ProcessInstance closed = start("zhangwei", ReceptionInput.of("visit"), name, "13941400131");
    setClock(shanghai(2026, 12, 2, 10, 20));
    taskService.complete(task(closed), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
    ProcessInstance formula = start("zhangwei", ReceptionInput.of("phone"), "=HYPERLINK(\"http://x\",\"" + name + "\")",
        "13941400132");
    Map<String, Object> letter = ReceptionInput.of("letter");
    letter.put("category", "subsistence-allowance");
    ProcessInstance escalated = start("lina", letter, "+1" + name, "13941400133");
    taskService.complete(task(escalated), Map.of("outcome", "reportUpward", "reportReason", "低保申请需街道审核",
        "escalationTarget", "street-office"));

    ResponseEntity<byte[]> answer = export("liuyang", "q=" + encode(name));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getHeaders().getContentType()).hasToString(CaseRegisterController.XLSX);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment; ")
        .contains("filename=\"case-register-2026-12-02.xlsx\"")
        .contains("filename*=UTF-8''" + encode("事项台账-2026-12-02.xlsx"));

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
      Sheet sheet = workbook.getSheet("事项台账");
      assertThat(texts(sheet.getRow(0))).startsWith("事项编号", "类别", "渠道", "事项类型", "居民", "电话（隐去中间四位）", "网格",
          "首问责任人", "当前办理", "受理时间", "首次响应期限", "首次响应时间", "办结期限", "办结时间", "状态").contains("办理结果", "评价");
      Map<String, Map<String, String>> rows = rows(sheet);
      assertThat(rows).containsOnlyKeys(closed.getBusinessKey(), formula.getBusinessKey(), escalated.getBusinessKey());
      assertThat(rows.get(closed.getBusinessKey())).containsEntry("居民", name).containsEntry("渠道", "来访")
          .containsEntry("事项类型", "居民接待").containsEntry("电话（隐去中间四位）", "139****0131")
          .containsEntry("网格", organisation.groupName("grid-1")).containsEntry("首问责任人", "张伟")
          .containsEntry("受理时间", "2026-12-02 10:00").containsEntry("办结时间", "2026-12-02 10:20")
          .containsEntry("首次响应时间", "2026-12-02 10:20").containsEntry("状态", "已办结")
          .containsEntry("办理结果", "当场答复，办结");
      assertThat(rows.get(escalated.getBusinessKey())).containsEntry("当前办理", "街道办事处").containsEntry("状态", "办理中")
          .containsEntry("电话（隐去中间四位）", "139****0133").containsEntry("渠道", "来信");
      Cell received = cell(sheet, closed.getBusinessKey(), "受理时间");
      assertThat(received.getCellType()).as("a date cell, sortable in Excel").isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(received)).isTrue();
      assertThat(workbook.getSheet("导出说明")).isNotNull();
      assertThat(FORMAT.formatCellValue(workbook.getSheet("导出说明").getRow(0).getCell(1))).isEqualTo("刘洋（liuyang）");
    }
    assertThat(lastExport("liuyang")).containsEntry("OUTCOME", "success").containsEntry("OBJECT_ID", "全社区")
        .containsEntry("OPERATION", "xlsx");
    assertThat((String) lastExport("liuyang").get("DETAIL")).startsWith("行数 3；")
        .as("what was searched for (a resident's name) stays out of the audit log").doesNotContain(name)
        .contains("q=（已填写，");

    assertThat(numbers(export("zhangwei", "q=" + encode(name))))
        .containsExactlyInAnyOrder(closed.getBusinessKey(), formula.getBusinessKey());
    assertThat(numbers(export("zhangwei", "q=" + encode(name) + "&grid=grid-2")))
        .as("another grid asked for: still only the worker's own").containsExactlyInAnyOrder(closed.getBusinessKey(),
            formula.getBusinessKey());
    assertThat((String) lastExport("zhangwei").get("DETAIL")).startsWith("行数 2；").contains("grid=grid-2");
    assertThat(numbers(export("lina", "q=" + encode(name)))).containsExactly(escalated.getBusinessKey());
    assertThat(numbers(export("liuyang", "q=" + encode(name) + "&grid=grid-2&status=open")))
        .containsExactly(escalated.getBusinessKey());
    assertThat(numbers(export("liuyang", "q=" + encode(name) + "&status=closed&from=2026-12-02&to=2026-12-02")))
        .containsExactly(closed.getBusinessKey());
    assertThat(numbers(export("chenjing", "q=" + encode(name)))).as("the street office: the escalated case only")
        .containsExactly(escalated.getBusinessKey());
  }

  @Test
  @DisplayName("issue 14 item 4 导出中以 = + - @ 开头的内容是文字（单元格带引号前缀），不是公式")
  void formulaLikeText_isStoredAsText() throws Exception {
    String name = uniqueName();
    String hostile = "=HYPERLINK(\"http://evil.example/\",\"" + name + "\")";
    ProcessInstance formula = start("zhangwei", ReceptionInput.of("visit"), hostile, "13941400134");
    ProcessInstance plus = start("zhangwei", ReceptionInput.of("visit"), "+1" + name, "13941400135");

    ResponseEntity<byte[]> answer = export("zhangwei", "q=" + encode(name));
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
      Sheet sheet = workbook.getSheet("事项台账");
      for (String[] expected : List.of(new String[] {formula.getBusinessKey(), hostile},
          new String[] {plus.getBusinessKey(), "+1" + name})) {
        Cell resident = cell(sheet, expected[0], "居民");
        assertThat(resident.getCellType()).as(expected[1]).isEqualTo(CellType.STRING);
        assertThat(resident.getStringCellValue()).isEqualTo(expected[1]);
        assertThat(resident.getCellStyle().getQuotePrefixed()).as("Excel's quote prefix: stays text when edited")
            .isTrue();
      }
      Cell plain = cell(sheet, formula.getBusinessKey(), "事项编号");
      assertThat(plain.getCellStyle().getQuotePrefixed()).as("ordinary text unchanged").isFalse();
    }
  }

  @Test
  @DisplayName("issue 14 导出的错误条件得到 400 和中文说明；未登录 401；无权查看台账的人 403（并记入审计日志）")
  void badFilter400_noLogin401_otherRoles403() {
    for (String[] bad : List.of(new String[] {"from=2026-13-01", "yyyy-MM-dd"},
        new String[] {"from=2026-12-10&to=2026-12-01", "截止日期不能早于起始日期"},
        new String[] {"status=pending", "状态应为"}, new String[] {"channel=fax", "渠道应为"},
        new String[] {"q=" + "张".repeat(51), "最多 50 个字"}, new String[] {"q=a%01b", "控制字符"})) {
      ResponseEntity<String> answer = rest.withBasicAuth("liuyang", "demo")
          .getForEntity(URI.create(rest.getRootUri() + "/api/cases/export?" + bad[0]), String.class);
      assertThat(answer.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/json");
      assertThat(answer.getBody()).as(bad[0]).contains(bad[1]);
    }
    ResponseEntity<String> anonymous = rest.getForEntity("/api/cases/export", String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("请先登录");

    ResponseEntity<String> analyst = rest.withBasicAuth("zhaolei", "demo").getForEntity("/api/cases/export",
        String.class);
    assertThat(analyst.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(analyst.getBody()).contains("无权查看事项台账");
    assertThat(lastExport("zhaolei")).containsEntry("OUTCOME", "denied");
  }

  /**
   * The formula-like residents leave the shared test database's task lists: the browser tests check those lists for
   * English words, and a resident called =HYPERLINK(…) is this test's attack, not the app's text.
   */
  @org.junit.jupiter.api.AfterEach
  void endTheHostileCases() {
    for (ProcessInstance pi : hostile) {
      if (runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count() > 0) {
        runtimeService.deleteProcessInstance(pi.getId(), "测试结束");
      }
    }
    hostile.clear();
  }

  private final List<ProcessInstance> hostile = new java.util.ArrayList<>();

  private ProcessInstance start(String worker, Map<String, Object> input, String name, String phone) {
    input.put("residentName", name);
    input.put("residentPhone", phone);
    ProcessInstance pi = organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
    if (name.startsWith("=") || name.startsWith("+")) {
      hostile.add(pi);
    }
    return pi;
  }

  private String task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }

  private ResponseEntity<byte[]> export(String user, String query) {
    return rest.withBasicAuth(user, "demo")
        .getForEntity(URI.create(rest.getRootUri() + "/api/cases/export?" + query), byte[].class);
  }

  private Map<String, Object> lastExport(String user) {
    Map<String, Object> row = new LinkedHashMap<>();
    jdbc.queryForMap("select * from audit_log where actor = ? and action = 'EXPORT' order by id desc limit 1", user)
        .forEach((k, v) -> row.put(k.toUpperCase(), v));
    return row;
  }

  /** The case numbers of an export, read back from the file. */
  private static List<String> numbers(ResponseEntity<byte[]> answer) throws Exception {
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(answer.getBody()))) {
      return List.copyOf(rows(workbook.getSheet("事项台账")).keySet());
    }
  }

  /** Every data row by case number, each as header → the text Excel shows. */
  private static Map<String, Map<String, String>> rows(Sheet sheet) {
    List<String> headers = texts(sheet.getRow(0));
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      List<String> values = texts(sheet.getRow(r));
      Map<String, String> row = new LinkedHashMap<>();
      for (int c = 0; c < headers.size(); c++) {
        row.put(headers.get(c), c < values.size() ? values.get(c) : "");
      }
      rows.put(values.get(0), row);
    }
    return rows;
  }

  private static Cell cell(Sheet sheet, String caseNumber, String header) {
    int column = texts(sheet.getRow(0)).indexOf(header);
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      if (caseNumber.equals(sheet.getRow(r).getCell(0).getStringCellValue())) {
        return sheet.getRow(r).getCell(column);
      }
    }
    throw new AssertionError(caseNumber + " not in the sheet");
  }

  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    for (int c = 0; c < row.getLastCellNum(); c++) {
      texts.add(row.getCell(c) == null ? "" : FORMAT.formatCellValue(row.getCell(c)));
    }
    return texts;
  }

  /** A resident no other test uses, so the shared database's other rows do not match. */
  private static String uniqueName() {
    String digits = String.valueOf(System.nanoTime() % 100000 * 100 + RESIDENTS.incrementAndGet() % 100);
    StringBuilder name = new StringBuilder("导出");
    for (char c : digits.toCharArray()) {
      name.append("零一二三四五六七八九".charAt(c - '0'));
    }
    return name.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
