package cn.shequflow.household;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * R-3.1.2-1 the household registry import: CSV (UTF-8 or GBK) and .xlsx, all-or-nothing with Chinese row errors,
 * idempotent re-import, managers only (R-1.2-7). The database is shared with other test classes, so each test uses
 * its own household numbers and removes the households it created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HouseholdImportTest {

  private static final String HEADER = "户编号,网格,地址,户主姓名,联系电话,微信,QQ,家庭人口,特殊类型\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired HouseholdImporter importer;
  @Autowired HouseholdRepository repository;
  @Autowired HouseholdImportController controller;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  private long lastIdBefore;

  @BeforeEach
  void rememberLastId() {
    lastIdBefore = jdbc.queryForObject("select coalesce(max(id), 0) from household", Long.class);
  }

  /** Visit plans of other test classes count households per grid; leave none of ours behind. */
  @AfterEach
  void removeOurHouseholds() {
    jdbc.update("delete from household where id > ?", lastIdBefore);
  }

  @Test
  @DisplayName("R-3.1.2-1 合格的CSV（UTF-8带BOM）：三户全部新增，网格名称换成网格编号，特殊类型存为代码")
  void validCsv_insertsEveryHousehold_storesGridIdsAndTypeCodes() {
    String csv = "\uFEFF" + HEADER
        + "A1-001,grid-1,本溪市平山区崔东街道东兴路12号楼3单元502室,孙桂兰,13941400001,sgl1950,12345678,1,独居老人、低保户\n"
        + "A1-002,第二网格,本溪市平山区崔东街道胜利路3号楼1单元101室,周建国,0414-2812345,,,4,\n"
        + "A1-003,grid-3,\"本溪市平山区崔东街道和平路8号楼2单元302室（东侧, 临街）\",冯磊,,,,,残疾人；高龄老人 重点关注家庭\n";

    ImportReport report = importer.importFile("居民户籍.csv", utf8(csv), progress -> {});

    assertThat(report.ok()).as(report.message() + report.errors()).isTrue();
    assertThat(report.fileName()).isEqualTo("居民户籍.csv");
    assertThat(report.encoding()).startsWith("UTF-8");
    assertThat(report.rowCount()).isEqualTo(3);
    assertThat(report.inserted()).isEqualTo(3);
    assertThat(report.updated()).isZero();
    assertThat(report.unchanged()).isZero();
    assertThat(report.message()).contains("新增 3 户");

    Household sun = repository.findByNumber("A1-001").orElseThrow();
    assertThat(sun.grid()).isEqualTo("grid-1");
    assertThat(sun.headName()).isEqualTo("孙桂兰");
    assertThat(sun.phone()).isEqualTo("13941400001");
    assertThat(sun.wechat()).isEqualTo("sgl1950");
    assertThat(sun.qq()).isEqualTo("12345678");
    assertThat(sun.memberCount()).isEqualTo(1);
    assertThat(sun.specialTypes()).containsExactly("livingAlone", "lowIncome");
    assertThat(repository.find(sun.id())).contains(sun);

    Household zhou = repository.findByNumber("A1-002").orElseThrow();
    assertThat(zhou.grid()).isEqualTo("grid-2");
    assertThat(zhou.wechat()).isNull();
    assertThat(zhou.specialTypes()).isEmpty();
    Household feng = repository.findByNumber("A1-003").orElseThrow();
    assertThat(feng.address()).endsWith("（东侧, 临街）");
    assertThat(feng.memberCount()).isNull();
    assertThat(feng.specialTypes()).containsExactlyInAnyOrder("disabled", "oldOld", "keyFamily");

    assertThat(storedTypes("A1-001")).isEqualTo("livingAlone,lowIncome");
    assertThat(storedTypes("A1-002")).isEmpty();
    assertThat(storedTypes("A1-003")).isEqualTo("disabled,keyFamily,oldOld");
    assertThat(repository.inGrid("grid-2")).extracting(Household::householdNo).contains("A1-002")
        .doesNotContain("A1-001", "A1-003");
  }

  @Test
  @DisplayName("R-3.1.2-1 Excel（.xlsx）：列序任意、多余列忽略，数字单元格按文本读取（不带.0）")
  void xlsx_importsFirstSheet_numbersReadAsPlainText() throws Exception {
    byte[] xlsx = xlsx(List.of(
        List.<Object>of("备注", "户主姓名", "户编号", "网格", "地址", "联系电话", "微信", "QQ", "家庭人口", "特殊类型"),
        List.<Object>of("新迁入", "郑秀英", 20240001, "第三网格", "本溪市平山区崔东街道永丰路5号楼2单元201室", 13504140003L, "zxy_1962",
            412345678, 2, "孤寡老人"),
        List.<Object>of("", "吴晓燕", "B2-002", "grid-2", "本溪市平山区崔东街道光明路7号楼1单元602室", "13841400002", "", "", 3.0,
            "")));

    ImportReport report = importer.importFile("households.xlsx", xlsx, progress -> {});

    assertThat(report.ok()).as(report.message() + report.errors()).isTrue();
    assertThat(report.format()).isEqualTo("xlsx");
    assertThat(report.inserted()).isEqualTo(2);
    Household zheng = repository.findByNumber("20240001").orElseThrow();
    assertThat(zheng.grid()).isEqualTo("grid-3");
    assertThat(zheng.phone()).isEqualTo("13504140003");
    assertThat(zheng.qq()).isEqualTo("412345678");
    assertThat(zheng.memberCount()).isEqualTo(2);
    assertThat(zheng.specialTypes()).containsExactly("lonelyElderly");
    assertThat(repository.findByNumber("B2-002").orElseThrow().memberCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("R-3.1.2-1 同一文件再导入一次：全部未变化，导入时间不动；改了一户只更新那一户")
  void reimport_changesNothing_thenOnlyTheChangedRowIsUpdated() {
    String csv = HEADER
        + "C1-001,grid-1,本溪市平山区崔东街道东兴路1号楼1单元101室,王淑珍,13941400011,,,2,高龄老人\n"
        + "C1-002,grid-1,本溪市平山区崔东街道东兴路1号楼1单元102室,李长海,13941400012,,,3,\n";
    assertThat(importer.importFile("c.csv", utf8(csv), progress -> {}).inserted()).isEqualTo(2);
    Timestamp importedAt = importedAt("C1-001");

    ImportReport again = importer.importFile("c.csv", utf8(csv), progress -> {});

    assertThat(again.ok()).isTrue();
    assertThat(again.inserted()).isZero();
    assertThat(again.updated()).isZero();
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(importedAt("C1-001")).isEqualTo(importedAt);

    ImportReport changed = importer.importFile("c.csv", utf8(csv.replace("13941400012", "13941400099")),
        progress -> {});
    assertThat(changed.updated()).isEqualTo(1);
    assertThat(changed.unchanged()).isEqualTo(1);
    assertThat(repository.findByNumber("C1-002").orElseThrow().phone()).isEqualTo("13941400099");
  }

  @Test
  @DisplayName("R-3.1.2-1 有错误的文件：一户都不写入，逐行报告行号和中文原因")
  void badRows_nothingIsWritten_everyErrorNamesItsRow() {
    String csv = HEADER
        + "D1-001,grid-1,本溪市平山区崔东街道东兴路2号楼1单元101室,赵德福,13941400021,,,2,\n"
        + "D1-002,grid-1,本溪市平山区崔东街道东兴路2号楼1单元102室,钱立新,12345,,,2,\n"
        + "D1-003,第九网格,本溪市平山区崔东街道东兴路2号楼1单元201室,孙玉梅,,,,1,\n"
        + "D1-004,grid-2,本溪市平山区崔东街道胜利路2号楼1单元101室,李国庆,,,,2,独居老人、外星人\n"
        + "D1-005,grid-2,本溪市平山区崔东街道胜利路2号楼1单元102室,,,,,2,\n"
        + "D1-006,grid-3,本溪市平山区崔东街道和平路2号楼1单元101室,周永刚,,,,0,\n"
        + "D1-007,grid-3,本溪市平山区崔东街道和平路2号楼1单元102室,吴宝山,,,,三口,\n";

    ImportReport report = importer.importFile("bad.csv", utf8(csv), progress -> {});

    assertThat(report.ok()).isFalse();
    assertThat(report.inserted() + report.updated() + report.unchanged()).isZero();
    assertThat(report.errors()).containsExactly(
        "第3行：联系电话“12345”格式不正确（应为11位手机号或带区号的固定电话，如0414-2812345）",
        "第4行：网格“第九网格”不存在",
        "第5行：特殊类型“外星人”不存在（可填：独居老人、孤寡老人、高龄老人、残疾人、低保户、留守儿童、困境儿童、家暴受害人、重点关注家庭）",
        "第6行：户主姓名不能为空",
        "第7行：家庭人口“0”应为正整数",
        "第8行：家庭人口“三口”应为正整数");
    assertThat(report.errorCount()).isEqualTo(6);
    assertThat(report.message()).contains("发现 6 处错误").contains("未写入任何数据");
    // the valid first row is not written either: the file is all or nothing
    assertThat(repository.findByNumber("D1-001")).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.2-1 户编号在文件中重复：每个重复行都报告，并指出首次出现的行")
  void duplicateHouseholdNumbers_reportedOnEveryDuplicateRow() {
    String row = ",grid-1,本溪市平山区崔东街道东兴路3号楼1单元101室,林秀云,,,,1,\n";
    String csv = HEADER + "E1-001" + row + "E1-002" + row + "E1-001" + row + "E1-001" + row;

    ImportReport report = importer.importFile("dup.csv", utf8(csv), progress -> {});

    assertThat(report.ok()).isFalse();
    assertThat(report.errors()).containsExactly("第4行：户编号“E1-001”与第2行重复", "第5行：户编号“E1-001”与第2行重复");
    assertThat(repository.findByNumber("E1-002")).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.2-1 错误超过200处：只列出前200处，并说明还有多少处")
  void manyErrors_listIsCappedAt200_andTheRestIsCounted() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 250; i++) {
      csv.append("F1-").append(i).append(",grid-1,本溪市平山区崔东街道东兴路4号楼,姜成林,999,,,1,\n");
    }

    ImportReport report = importer.importFile("many.csv", utf8(csv.toString()), progress -> {});

    assertThat(report.errors()).hasSize(200);
    assertThat(report.errorCount()).isEqualTo(250);
    assertThat(report.moreErrors()).isEqualTo(50);
    assertThat(report.message()).contains("另有 50 处未列出");
  }

  @Test
  @DisplayName("R-3.1.2-1 中文Windows版Excel另存的CSV（GBK编码）：按GB18030读取，姓名地址不乱码")
  void gbkCsv_isReadAsGb18030_namesIntact() {
    String csv = HEADER + "G1-001,第一网格,本溪市平山区崔东街道崔东路6号楼4单元401室,鲍淑兰,13941400031,,,2,低保户\n";

    ImportReport report = importer.importFile("gbk.csv", csv.getBytes(Charset.forName("GBK")), progress -> {});

    assertThat(report.ok()).as(report.message() + report.errors()).isTrue();
    assertThat(report.encoding()).isEqualTo("GB18030");
    Household bao = repository.findByNumber("G1-001").orElseThrow();
    assertThat(bao.headName()).isEqualTo("鲍淑兰");
    assertThat(bao.address()).isEqualTo("本溪市平山区崔东街道崔东路6号楼4单元401室");
    assertThat(bao.specialTypes()).containsExactly("lowIncome");
  }

  @Test
  @DisplayName("只有表头、空文件、缺列、不支持的格式：报错，不写入")
  void headerOnlyEmptyMissingColumnOrWrongType_isAnError() {
    ImportReport headerOnly = importer.importFile("h.csv", utf8(HEADER), progress -> {});
    assertThat(headerOnly.ok()).isFalse();
    assertThat(headerOnly.errors()).containsExactly("文件中没有数据行（只有表头）");

    assertThat(importer.importFile("e.csv", new byte[0], progress -> {}).errors()).containsExactly("文件为空：没有表头，也没有数据");

    ImportReport missing = importer.importFile("m.csv",
        utf8("户编号,网格,户主姓名,联系电话,微信,家庭人口,特殊类型\nH1-001,grid-1,郝红梅,,,1,\n"), progress -> {});
    assertThat(missing.errors()).singleElement().asString().startsWith("第1行：表头缺少必需的列：地址、QQ");
    assertThat(repository.findByNumber("H1-001")).isEmpty();

    assertThat(importer.importFile("old.xls", new byte[] {1}, progress -> {}).errors().get(0)).contains(".xls");
  }

  @Test
  @DisplayName("进度：每1000行至少报告一次，最后报告“完成”和总行数")
  void progress_reportedEveryThousandRows_andAtTheEnd() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 2_500; i++) {
      csv.append(String.format("P1-%05d,grid-2,本溪市平山区崔东街道友谊街%d号,段晓东,,,,1,\n", i, i));
    }
    List<ImportProgress> seen = new ArrayList<>();

    ImportReport report = importer.importFile("progress.csv", utf8(csv.toString()), seen::add);

    assertThat(report.inserted()).isEqualTo(2_500);
    assertThat(seen).contains(new ImportProgress(1_000, 2_500, "校验"), new ImportProgress(2_000, 2_500, "校验"),
        new ImportProgress(1_000, 2_500, "写入"), new ImportProgress(2_000, 2_500, "写入"));
    assertThat(seen.get(seen.size() - 1)).isEqualTo(new ImportProgress(2_500, 2_500, "完成"));
  }

  @Test
  @DisplayName("R-1.2-7 接口：书记 ?wait=true 直接拿到报告（200），有错行 422；网格员 403，匿名 401")
  void rest_managerImportsSynchronously_workerForbidden_anonymousUnauthorized() throws Exception {
    String csv = HEADER + "R1-001,grid-1,本溪市平山区崔东街道东兴路9号楼1单元101室,曹振华,13941400041,,,2,\n";

    ResponseEntity<String> ok = upload("liuyang", "r.csv", utf8(csv), true);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode report = JSON.readTree(ok.getBody());
    assertThat(report.get("ok").asBoolean()).isTrue();
    assertThat(report.get("inserted").asInt()).isEqualTo(1);
    assertThat(report.get("fileName").asText()).isEqualTo("r.csv");
    assertThat(repository.findByNumber("R1-001")).isPresent();

    ResponseEntity<String> bad = upload("demo", "r.csv", utf8(csv.replace("13941400041", "1394140004")), true);
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    JsonNode badReport = JSON.readTree(bad.getBody());
    assertThat(badReport.get("ok").asBoolean()).isFalse();
    assertThat(badReport.get("errors").get(0).asText()).startsWith("第2行：联系电话“1394140004”格式不正确");

    ResponseEntity<String> worker = upload("zhangwei", "r.csv", utf8(csv), true);
    assertThat(worker.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(worker.getBody()).contains("只有社区书记/主任或系统管理员可以导入户籍台账");
    assertThat(upload(null, "r.csv", utf8(csv), true).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.exchange("/api/households/import/nope", HttpMethod.GET, new HttpEntity<>(auth("lina")),
        String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  /**
   * The background path: 202 with a status URL. The test waits for the job's own result (bounded by a timeout,
   * no sleeping, no polling loop) and then reads the status URL, which must say finished and carry the report.
   */
  @Test
  @DisplayName("R-3.1.2-1 接口默认后台导入：202 返回任务编号，状态地址最终显示完成和报告")
  void rest_backgroundImport_returns202_statusReachesFinished() throws Exception {
    String csv = HEADER + "S1-001,grid-3,本溪市平山区崔东街道新华街2号楼1单元101室,贾文博,,,,3,留守儿童\n";

    ResponseEntity<String> accepted = upload("liuyang", "s.csv", utf8(csv), false);

    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    JsonNode job = JSON.readTree(accepted.getBody());
    String jobId = job.get("jobId").asText();
    String statusUrl = job.get("statusUrl").asText();
    assertThat(statusUrl).isEqualTo("/api/households/import/" + jobId);
    ImportReport result = controller.result(jobId).get(30, TimeUnit.SECONDS);
    assertThat(result.ok()).isTrue();

    ResponseEntity<String> status = rest.exchange(statusUrl, HttpMethod.GET, new HttpEntity<>(auth("liuyang")),
        String.class);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = JSON.readTree(status.getBody());
    assertThat(body.get("state").asText()).isEqualTo("finished");
    assertThat(body.get("phase").asText()).isEqualTo("完成");
    assertThat(body.get("processed").asInt()).isEqualTo(1);
    assertThat(body.get("ok").asBoolean()).isTrue();
    assertThat(body.get("report").get("inserted").asInt()).isEqualTo(1);
    assertThat(repository.findByNumber("S1-001").orElseThrow().specialTypes()).isEqualTo(Set.of("leftBehindChild"));

    assertThat(rest.exchange(statusUrl, HttpMethod.GET, new HttpEntity<>(auth("zhangwei")), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.exchange("/api/households/import/unknown", HttpMethod.GET, new HttpEntity<>(auth("liuyang")),
        String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private ResponseEntity<String> upload(String user, String fileName, byte[] content, boolean wait) {
    HttpHeaders headers = auth(user);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return rest.exchange("/api/households/import" + (wait ? "?wait=true" : ""), HttpMethod.POST,
        new HttpEntity<>(form, headers), String.class);
  }

  private static HttpHeaders auth(String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo");
    }
    return headers;
  }

  private String storedTypes(String householdNo) {
    return jdbc.queryForObject("select special_types from household where household_no = ?", String.class,
        householdNo);
  }

  private Timestamp importedAt(String householdNo) {
    return jdbc.queryForObject("select imported_at from household where household_no = ?", Timestamp.class,
        householdNo);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A workbook whose first sheet holds the rows; numbers become numeric cells, as Excel stores typed-in numbers. */
  private static byte[] xlsx(List<List<Object>> rows) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("户籍");
      workbook.createSheet("说明").createRow(0).createCell(0).setCellValue("第二个工作表不导入");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object value = rows.get(r).get(c);
          if (value instanceof Number number) {
            row.createCell(c).setCellValue(number.doubleValue());
          } else if (!value.toString().isEmpty()) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}
