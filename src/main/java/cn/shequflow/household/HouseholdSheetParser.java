package cn.shequflow.household;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * The parse step of the household import: an .xlsx (Apache POI, streamed) or .csv file read into rows of text
 * cells, with the sheet's row numbers and the cells that were Excel formulas; nothing is checked here.
 */
final class HouseholdSheetParser {

  private HouseholdSheetParser() {}

  /**
   * A row of the sheet as text cells; number is the row as the spreadsheet shows it (header = 1); formulas holds the
   * columns whose .xlsx cell is a formula (never for CSV, where every cell is text).
   */
  record SheetRow(int number, List<String> cells, Set<Integer> formulas) {

    SheetRow(int number, List<String> cells) {
      this(number, cells, Set.of());
    }

    boolean isFormula(int index) {
      return formulas.contains(index);
    }

    String cell(int index) {
      if (index < 0 || index >= cells.size() || cells.get(index) == null) {
        return null;
      }
      String value = cells.get(index).strip();
      return value.isEmpty() ? null : value;
    }

    boolean isBlank() {
      return cells.stream().allMatch(cell -> cell == null || cell.isBlank());
    }
  }

  /** A file read into rows; encoding is null for .xlsx (the XML inside declares its own). */
  record Sheet(String format, String encoding, List<SheetRow> rows) {}

  /** The rows of a file of the given format ("xlsx" or "csv"); throws when an .xlsx cannot be read. */
  static Sheet read(String format, byte[] content) throws Exception {
    return "xlsx".equals(format) ? readXlsx(content) : readCsv(content);
  }

  // --- CSV ---------------------------------------------------------------------------------------------------

  /**
   * UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030: Excel on Chinese Windows saves
   * "CSV (逗号分隔)" in GBK, of which GB18030 is a superset.
   */
  static Sheet readCsv(byte[] content) {
    if (content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
        && (content[2] & 0xff) == 0xbf) {
      return new Sheet("csv", "UTF-8（带BOM）",
          parseCsv(new String(content, 3, content.length - 3, StandardCharsets.UTF_8)));
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
      return new Sheet("csv", "UTF-8", parseCsv(text));
    } catch (CharacterCodingException notUtf8) {
      return new Sheet("csv", "GB18030", parseCsv(new String(content, Charset.forName("GB18030"))));
    }
  }

  /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; row numbers count records. */
  static List<SheetRow> parseCsv(String text) {
    List<SheetRow> rows = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean cellStarted = false;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < length && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"' && cell.length() == 0 && !cellStarted) {
        quoted = true;
        cellStarted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
        cellStarted = false;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
          i++;
        }
        cells.add(cell.toString());
        rows.add(new SheetRow(rows.size() + 1, cells));
        cells = new ArrayList<>();
        cell.setLength(0);
        cellStarted = false;
      } else {
        cell.append(c);
        cellStarted = true;
      }
    }
    if (cellStarted || cell.length() > 0 || !cells.isEmpty()) {
      cells.add(cell.toString());
      rows.add(new SheetRow(rows.size() + 1, cells));
    }
    return rows;
  }

  // --- XLSX --------------------------------------------------------------------------------------------------

  /** The first sheet, streamed (SAX), so 100,000 rows need no workbook object tree in memory. */
  static Sheet readXlsx(byte[] content) throws Exception {
    OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(content));
    try {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      var sheets = reader.getSheetsData();
      List<SheetRow> rows = new ArrayList<>();
      if (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          RowCollector collector = new RowCollector(rows);
          FormulaCells parser = new FormulaCells(XMLHelper.newXMLReader(), collector);
          parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, collector,
              new PlainNumbers(), false));
          parser.parse(new InputSource(sheet));
        }
      }
      return new Sheet("xlsx", null, rows);
    } finally {
      pkg.revert(); // read only: close without writing anything back
    }
  }

  /** Cells as text: numbers in plain digits (13941400001, 3 — never 1.39414E10 or 3.0); dates as Excel shows them. */
  static final class PlainNumbers extends DataFormatter {

    PlainNumbers() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return formatRawCellContents(value, formatIndex, formatString, false);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return super.formatRawCellContents(value, formatIndex, formatString, use1904);
      }
      return plain(value);
    }

    static String plain(double value) {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return Double.toString(value);
      }
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }

  /** Collects the rows of the SAX stream, placing each cell at its column even when cells in between are empty. */
  private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final List<SheetRow> rows;
    private List<String> cells;
    private Set<Integer> formulas;
    private int nextColumn;
    private int reported;

    RowCollector(List<SheetRow> rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      cells = new ArrayList<>();
      formulas = new HashSet<>();
      nextColumn = 0;
    }

    @Override
    public void endRow(int rowNum) {
      rows.add(new SheetRow(rowNum + 1, cells, Set.copyOf(formulas)));
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? nextColumn : new CellReference(reference).getCol();
      while (cells.size() < column) {
        cells.add(null);
      }
      cells.add(value);
      nextColumn = column + 1;
      reported++;
    }

    /** How many cells POI has reported so far, so the filter can tell whether a formula cell had a cached value. */
    int reported() {
      return reported;
    }

    /** The cell that just ended held a formula; valueReported says whether POI reported its cached result. */
    void formula(String reference, boolean valueReported) {
      if (reference != null) {
        formulas.add((int) new CellReference(reference).getCol());
      } else {
        formulas.add(valueReported ? nextColumn - 1 : nextColumn++);
      }
    }
  }

  /**
   * Sits between the XML parser and POI's sheet handler and marks the cells that carry a formula ({@code <f>}
   * inside {@code <c>}), which POI's handler reports only as their cached result, like typed-in values.
   */
  private static final class FormulaCells extends XMLFilterImpl {
    private final RowCollector collector;
    private boolean inCell;
    private boolean formula;
    private String reference;
    private int reportedBefore;

    FormulaCells(XMLReader parent, RowCollector collector) {
      super(parent);
      this.collector = collector;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
      if ("c".equals(localName)) {
        inCell = true;
        formula = false;
        reference = attributes.getValue("r");
        reportedBefore = collector.reported();
      } else if (inCell && "f".equals(localName)) {
        formula = true;
      }
      super.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      super.endElement(uri, localName, qName);
      if ("c".equals(localName)) {
        if (formula) {
          collector.formula(reference, collector.reported() > reportedBefore);
        }
        inCell = false;
      }
    }
  }
}
