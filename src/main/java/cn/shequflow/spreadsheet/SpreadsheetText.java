package cn.shequflow.spreadsheet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Cell text for every file the app hands out (CSV and .xlsx exports): a value that begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is what Excel, WPS and LibreOffice read as a formula or a DDE
 * command, so it is neutralised (issue 10 item 12, OWASP "CSV Injection"); every other value is written unchanged.
 */
public final class SpreadsheetText {

  private SpreadsheetText() {}

  /** Whether a spreadsheet would read this text as the start of a formula. */
  public static boolean startsLikeFormula(String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
  }

  /** The text with a leading single quote when it starts like a formula, as OWASP advises for CSV. */
  public static String neutralise(String value) {
    return startsLikeFormula(value) ? "'" + value : value;
  }

  /** One CSV field (RFC 4180): neutralised, then quoted when it holds a comma, a quote or a line break. */
  public static String csvField(String value) {
    if (value == null) {
      return "";
    }
    String text = neutralise(value);
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  /**
   * The style an .xlsx export gives text cells that start like a formula: Excel's own quote prefix (what it stores
   * when someone types a leading '), so the cell shows the exact text and stays text when edited. One per workbook.
   */
  public static CellStyle quotePrefixed(Workbook workbook) {
    CellStyle style = workbook.createCellStyle();
    style.setQuotePrefixed(true);
    return style;
  }

  /**
   * Writes text into an .xlsx cell: always a string cell (never {@code setCellFormula}), with the quote-prefix style
   * of {@link #quotePrefixed} when it starts like a formula. Null leaves the cell blank.
   */
  public static void set(Cell cell, String value, CellStyle quotePrefixed) {
    if (value == null) {
      cell.setBlank();
      return;
    }
    cell.setCellValue(value);
    if (startsLikeFormula(value)) {
      cell.setCellStyle(quotePrefixed);
    }
  }
}
