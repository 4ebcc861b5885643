package cn.shequflow.register;

import cn.shequflow.spreadsheet.SpreadsheetText;
import java.io.IOException;
import java.io.OutputStream;
import java.time.YearMonth;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * 月报 for the street office (issue 14 item 4): the month's figures by grid with the whole, the month's cases overdue
 * now, and its 不满意 ratings with their rectification, plus the definitions; every text cell through
 * {@link SpreadsheetText}, so nothing a resident typed becomes a formula.
 */
final class MonthlyReport implements AutoCloseable {

  static final String FIGURES = "月度指标";
  static final String OVERDUE = "逾期未办结";
  static final String UNSATISFIED = "不满意评价";
  static final String NOTES = "指标定义";
  static final List<String> FIGURE_HEADERS = List.of("网格", "受理", "已首次响应", "按时首次响应", "已办结", "按时办结",
      "逾期未办结", "已评价", "满意或基本满意", "不满意", "不满意已按时整改", "响应率", "办结率", "按时办结率", "满意率",
      "回访率", "差评整改率");
  static final List<String> CASE_HEADERS = List.of("事项编号", "事项类型", "类别", "居民", "网格", "首问责任人", "当前办理",
      "受理时间", "期限", "说明");

  private final XSSFWorkbook workbook = new XSSFWorkbook();
  private final CellStyle quoted = SpreadsheetText.quotePrefixed(workbook);
  private final CellStyle bold;
  private final CellStyle share;

  MonthlyReport() {
    Font font = workbook.createFont();
    font.setBold(true);
    bold = workbook.createCellStyle();
    bold.setFont(font);
    share = workbook.createCellStyle();
    share.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
  }

  /** The figures sheet: a title line, the headers, one line per grid, the whole last. */
  void figures(String community, YearMonth month, String scope, List<KpiQuery.Figures> grids, KpiQuery.Figures total) {
    Sheet sheet = workbook.createSheet(FIGURES);
    text(sheet.createRow(0), 0, community + " " + month.getYear() + "年" + month.getMonthValue() + "月 居民事项办理情况（"
        + scope + "）").setCellStyle(bold);
    header(sheet, 1, FIGURE_HEADERS);
    int r = 2;
    for (KpiQuery.Figures grid : grids) {
      line(sheet.createRow(r++), grid.name(), grid);
    }
    line(sheet.createRow(r), "合计", total).getCell(0).setCellStyle(bold);
    sheet.setColumnWidth(0, 14 * 256);
    sheet.createFreezePane(1, 2);
  }

  /** A sheet of cases: overdue ones with their deadline, 不满意 ones with the state of their complaint. */
  void cases(String name, List<RegisterQuery.Row> rows, java.util.function.Function<RegisterQuery.Row, String> note) {
    Sheet sheet = workbook.createSheet(name);
    header(sheet, 0, CASE_HEADERS);
    int r = 1;
    for (RegisterQuery.Row c : rows) {
      Row line = sheet.createRow(r++);
      String[] values = {c.caseNumber(), c.kindName(), c.categoryName(), c.residentName(), c.gridName(),
          c.firstResponderName(), c.holderName(), RegisterQuery.minute(c.receivedAt()),
          RegisterQuery.minute(c.currentDueAt()), note.apply(c)};
      for (int i = 0; i < values.length; i++) {
        text(line, i, values[i]);
      }
    }
    if (rows.isEmpty()) {
      text(sheet.createRow(1), 0, "无");
    }
    for (int i = 0; i < CASE_HEADERS.size(); i++) {
      sheet.setColumnWidth(i, (i == 9 ? 30 : 17) * 256);
    }
  }

  void notes(java.util.Collection<String> definitions, String madeBy) {
    Sheet sheet = workbook.createSheet(NOTES);
    int r = 0;
    for (String definition : definitions) {
      text(sheet.createRow(r++), 0, definition);
    }
    text(sheet.createRow(r + 1), 0, madeBy);
    sheet.setColumnWidth(0, 100 * 256);
  }

  void write(OutputStream out) throws IOException {
    workbook.write(out);
  }

  @Override
  public void close() throws IOException {
    workbook.close();
  }

  private Row line(Row line, String name, KpiQuery.Figures f) {
    text(line, 0, name);
    List<ToLongFunction<KpiQuery.Figures>> counts = List.of(KpiQuery.Figures::received, KpiQuery.Figures::responded,
        KpiQuery.Figures::respondedOnTime, KpiQuery.Figures::closed, KpiQuery.Figures::closedOnTime,
        KpiQuery.Figures::overdueOpen, KpiQuery.Figures::ratings, KpiQuery.Figures::satisfied,
        KpiQuery.Figures::unsatisfied, KpiQuery.Figures::unsatisfiedRectified);
    int column = 1;
    for (ToLongFunction<KpiQuery.Figures> count : counts) {
      line.createCell(column++).setCellValue(count.applyAsLong(f));
    }
    for (Double rate : new Double[] {f.responseRate(), f.closeRate(), f.onTimeRate(), f.satisfactionRate(),
        f.returnVisitRate(), f.rectificationRate()}) {
      var cell = line.createCell(column++);
      if (rate == null) {
        cell.setCellValue("—");
      } else {
        cell.setCellValue(rate);
        cell.setCellStyle(share);
      }
    }
    return line;
  }

  private void header(Sheet sheet, int row, List<String> headers) {
    Row line = sheet.createRow(row);
    for (int i = 0; i < headers.size(); i++) {
      text(line, i, headers.get(i)).setCellStyle(bold);
    }
  }

  private org.apache.poi.ss.usermodel.Cell text(Row line, int column, String value) {
    var cell = line.createCell(column);
    SpreadsheetText.set(cell, value, quoted);
    return cell;
  }

}
