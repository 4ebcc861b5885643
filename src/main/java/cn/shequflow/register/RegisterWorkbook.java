package cn.shequflow.register;

import cn.shequflow.spreadsheet.SpreadsheetText;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The register as an .xlsx file (事项台账), written with POI's streaming writer: only the last {@link #WINDOW} rows
 * are in memory, the rest go to a temporary file (uncompressed: the file is zipped once, when written, and the
 * temporary file is deleted right after), so a year's register stays small in memory. Times are
 * Beijing time to the minute (date cells); every text cell is a string, never a formula ({@link SpreadsheetText}).
 * A second sheet says who exported which rows, and when.
 */
final class RegisterWorkbook implements AutoCloseable {

  static final String SHEET = "事项台账";
  static final String ABOUT_SHEET = "导出说明";
  static final List<String> HEADERS = List.of("事项编号", "类别", "渠道", "事项类型", "居民", "电话（隐去中间四位）", "网格",
      "首问责任人", "当前办理", "受理时间", "首次响应期限", "首次响应时间", "办结期限", "办结时间", "状态", "是否逾期", "办理结果", "评价",
      "评价转投诉", "关联事项");
  private static final int[] WIDTHS = {18, 16, 9, 11, 10, 15, 10, 10, 14, 17, 17, 17, 17, 17, 8, 9, 22, 9, 18, 18};
  static final int WINDOW = 100;
  /** Data rows an .xlsx sheet holds below its header. */
  static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

  private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
  private final Sheet sheet;
  private final CellStyle time;
  private final CellStyle quotePrefixed;
  private final CellStyle header;
  private int next = 1;

  RegisterWorkbook() {
    sheet = workbook.createSheet(SHEET);
    time = workbook.createCellStyle();
    time.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
    quotePrefixed = SpreadsheetText.quotePrefixed(workbook);
    header = workbook.createCellStyle();
    Font bold = workbook.createFont();
    bold.setBold(true);
    header.setFont(bold);
    Row first = sheet.createRow(0);
    for (int i = 0; i < HEADERS.size(); i++) {
      Cell cell = first.createCell(i);
      cell.setCellValue(HEADERS.get(i));
      cell.setCellStyle(header);
      sheet.setColumnWidth(i, WIDTHS[i] * 256);
    }
    sheet.createFreezePane(1, 1);
  }

  /** Appends one row; refuses ({@link RegisterQuery.BadFilter}) a filter whose rows do not fit in one sheet. */
  void add(RegisterQuery.Row row) {
    if (next > MAX_ROWS) {
      throw new RegisterQuery.BadFilter("符合条件的事项超过 " + MAX_ROWS + " 件，一个表格放不下，请缩小日期范围");
    }
    Row line = sheet.createRow(next++);
    int c = 0;
    text(line, c++, row.caseNumber());
    text(line, c++, row.categoryName() != null ? row.categoryName() : row.category());
    text(line, c++, row.channelName() != null ? row.channelName() : row.channel());
    text(line, c++, row.kindName());
    text(line, c++, row.residentName());
    text(line, c++, row.residentPhone());
    text(line, c++, row.gridName());
    text(line, c++, row.firstResponderName() != null ? row.firstResponderName() : row.firstResponder());
    text(line, c++, row.holderName() != null ? row.holderName() : row.holder());
    time(line, c++, row.receivedAt());
    time(line, c++, row.firstResponseDueAt());
    time(line, c++, row.firstResponseAt());
    time(line, c++, row.dueAt());
    time(line, c++, row.closedAt());
    text(line, c++, row.statusName());
    text(line, c++, row.overdue() ? "逾期" : null);
    text(line, c++, row.outcomeLabel() != null ? row.outcomeLabel() : row.outcome());
    text(line, c++, row.ratingName());
    text(line, c++, row.ratingComplaint());
    text(line, c, row.relatedCase());
  }

  /** Rows written so far. */
  int rows() {
    return next - 1;
  }

  /** The second sheet: label and value per line (who, when, which part, which filter, how many rows). */
  void about(List<String[]> lines) {
    Sheet about = workbook.createSheet(ABOUT_SHEET);
    about.setColumnWidth(0, 12 * 256);
    about.setColumnWidth(1, 60 * 256);
    for (int i = 0; i < lines.size(); i++) {
      Row line = about.createRow(i);
      text(line, 0, lines.get(i)[0]);
      text(line, 1, lines.get(i)[1]);
    }
  }

  /** Writes the file; the header row gets Excel's filter buttons over the rows written. */
  void write(OutputStream out) throws IOException {
    sheet.setAutoFilter(new CellRangeAddress(0, Math.max(1, rows()), 0, HEADERS.size() - 1));
    workbook.write(out);
  }

  private void text(Row line, int column, String value) {
    if (value != null) {
      SpreadsheetText.set(line.createCell(column), value, quotePrefixed);
    }
  }

  private void time(Row line, int column, String instant) {
    if (instant != null) {
      // the row's instants are ISO-8601 at +08:00 already: their local time is Beijing time
      LocalDateTime beijing = OffsetDateTime.parse(instant).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
      Cell cell = line.createCell(column);
      cell.setCellValue(beijing);
      cell.setCellStyle(time);
    }
  }

  /**
   * Deletes the temporary files. Disposing first: POI's close alone closes the sheets' writers and then flushes their
   * last rows into them, a warning for every workbook never written (a filter refused half-way).
   */
  @Override
  public void close() throws IOException {
    workbook.dispose();
    workbook.close();
  }
}
