package cn.shequflow.household;

import cn.shequflow.organisation.Organisation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Imports the community's household sheet (.xlsx or .csv, Chinese header) into the registry: every row is checked
 * first, and only a file without errors is written, in one transaction.
 */
@Service
class HouseholdImporter {

  private static final Logger LOG = LoggerFactory.getLogger(HouseholdImporter.class);

  static final int PROGRESS_EVERY = 1000;
  static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$");
  /** 、，, ;； and any whitespace, including the full-width space of Chinese input methods. */
  private static final Pattern TYPE_SEPARATORS = Pattern.compile("[、，,;；\\s\\u3000]+");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** The sheet's columns, by their header text; every one must be present (missing ones would blank stored data). */
  enum Column {
    NUMBER("户编号", 40), GRID("网格", 64), ADDRESS("地址", 300), HEAD("户主姓名", 100), PHONE("联系电话", 30),
    WECHAT("微信", 100), QQ("QQ", 30), MEMBERS("家庭人口", 10), TYPES("特殊类型", 300);

    final String header;
    final int maxLength;

    Column(String header, int maxLength) {
      this.header = header;
      this.maxLength = maxLength;
    }
  }

  private final HouseholdRepository repository;
  private final Organisation organisation;
  private final TransactionTemplate transaction;
  /** One writer at a time in this JVM: two imports of the same new household number would otherwise collide. */
  private final ReentrantLock writing = new ReentrantLock();

  HouseholdImporter(HouseholdRepository repository, Organisation organisation,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.organisation = organisation;
    this.transaction = new TransactionTemplate(transactions);
  }

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

  /** Collects errors in order, keeping the first ones for the report and counting all. */
  private static final class Errors {
    final List<String> listed = new ArrayList<>();
    int count;

    void add(String message) {
      if (listed.size() < ImportReport.MAX_LISTED) {
        listed.add(message);
      }
      count++;
    }

    void add(int row, String message) {
      add("第" + row + "行：" + message);
    }
  }

  ImportReport importFile(String fileName, byte[] content, Consumer<ImportProgress> progress) {
    String name = fileName == null || fileName.isBlank() ? "（未命名文件）" : fileName.strip();
    String lower = name.toLowerCase(Locale.ROOT);
    String format = lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : null;
    if (format == null) {
      String message = lower.endsWith(".xls")
          ? "不支持旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再导入"
          : "不支持的文件类型“" + name + "”，请上传 .xlsx 或 .csv 文件";
      return fileError(name, null, null, message, progress);
    }
    if (content == null || content.length == 0) {
      return fileError(name, format, null, "文件为空：没有表头，也没有数据", progress);
    }
    Sheet sheet;
    try {
      sheet = format.equals("xlsx") ? readXlsx(content) : readCsv(content);
    } catch (Exception e) {
      LOG.warn("户籍表 {} 无法读取：{}", name, e.toString());
      return fileError(name, format, null, "无法读取 Excel 文件，请确认文件没有损坏、没有加密，并且是 .xlsx 格式", progress);
    }
    return importSheet(name, sheet, progress);
  }

  private ImportReport importSheet(String name, Sheet sheet, Consumer<ImportProgress> progress) {
    List<SheetRow> rows = sheet.rows().stream().filter(row -> !row.isBlank()).toList();
    if (rows.isEmpty()) {
      return fileError(name, sheet.format(), sheet.encoding(), "文件为空：没有表头，也没有数据", progress);
    }
    SheetRow header = rows.get(0);
    Errors errors = new Errors();
    Map<Column, Integer> columns = columns(header, errors);
    List<SheetRow> data = rows.subList(1, rows.size());
    if (errors.count > 0) {
      return rejected(name, sheet, data.size(), errors, progress);
    }
    if (data.isEmpty()) {
      return fileError(name, sheet.format(), sheet.encoding(), "文件中没有数据行（只有表头）", progress);
    }

    int total = data.size();
    Map<String, String> grids = gridsByIdAndName();
    Map<String, Integer> firstRowOfNumber = new HashMap<>();
    List<Household> households = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      Household household = validate(data.get(i), columns, grids, firstRowOfNumber, errors);
      if (household != null) {
        households.add(household);
      }
      if ((i + 1) % PROGRESS_EVERY == 0 && i + 1 < total) {
        progress.accept(new ImportProgress(i + 1, total, ImportProgress.VALIDATING));
      }
    }
    progress.accept(new ImportProgress(total, total, ImportProgress.VALIDATING));
    if (errors.count > 0) {
      return rejected(name, sheet, total, errors, progress);
    }

    HouseholdRepository.UpsertResult result;
    writing.lock();
    try {
      result = transaction.execute(status -> repository.upsert(households, written -> {
        if (written < total) {
          progress.accept(new ImportProgress(written, total, ImportProgress.WRITING));
        }
      }));
    } catch (RuntimeException e) {
      // the message may quote a resident's data (R-1.2-7): the log keeps the kind of failure, not the values
      LOG.error("户籍表 {} 写入失败，已全部回滚：{}", name, e.getClass().getName());
      Errors failure = new Errors();
      failure.add("写入数据库失败，本次导入没有写入任何数据；请稍后重新导入，若仍失败请联系系统管理员");
      return rejected(name, sheet, total, failure, progress);
    } finally {
      writing.unlock();
    }
    progress.accept(new ImportProgress(total, total, ImportProgress.WRITING));
    progress.accept(new ImportProgress(total, total, ImportProgress.DONE));
    LOG.info("户籍表 {} 已导入：{} 行，新增 {}，更新 {}，未变化 {}", name, total, result.inserted(), result.updated(),
        result.unchanged());
    return ImportReport.written(name, sheet.format(), sheet.encoding(), total, result.inserted(), result.updated(),
        result.unchanged());
  }

  private static Map<Column, Integer> columns(SheetRow header, Errors errors) {
    Map<String, Column> byHeader = new HashMap<>();
    for (Column column : Column.values()) {
      byHeader.put(column.header.toUpperCase(Locale.ROOT), column);
    }
    Map<Column, Integer> columns = new EnumMap<>(Column.class);
    for (int i = 0; i < header.cells().size(); i++) {
      String text = header.cell(i);
      Column column = text == null ? null : byHeader.get(text.toUpperCase(Locale.ROOT));
      if (column == null) {
        continue; // extra columns (备注 and the like) are the community's own business
      }
      if (columns.putIfAbsent(column, i) != null) {
        errors.add(header.number(), "表头中“" + column.header + "”列出现了不止一次");
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column column : Column.values()) {
      if (!columns.containsKey(column)) {
        missing.add(column.header);
      }
    }
    if (!missing.isEmpty()) {
      errors.add(header.number(), "表头缺少必需的列：" + String.join("、", missing) + "（表头应包含："
          + java.util.Arrays.stream(Column.values()).map(c -> c.header).collect(Collectors.joining("、")) + "）");
    }
    return columns;
  }

  /** Grid group ids and names (第一网格) → id. */
  private Map<String, String> gridsByIdAndName() {
    Map<String, String> grids = new HashMap<>();
    for (Group grid : organisation.grids()) {
      grids.put(grid.getId(), grid.getId());
      if (grid.getName() != null && !grid.getName().isBlank()) {
        grids.putIfAbsent(grid.getName().strip(), grid.getId());
      }
    }
    return grids;
  }

  /** The household of a row, or null after adding its errors. */
  private static Household validate(SheetRow row, Map<Column, Integer> columns, Map<String, String> grids,
      Map<String, Integer> firstRowOfNumber, Errors errors) {
    int before = errors.count;
    int n = row.number();
    Map<Column, String> values = new EnumMap<>(Column.class);
    for (Column column : Column.values()) {
      if (row.isFormula(columns.get(column))) {
        // issue 10 item 12: a formula's cached result may be stale, forged or missing, and the formula itself is no
        // resident's data; the manager turns it into values in Excel, which takes one paste
        errors.add(n, column.header + "是 Excel 公式，不导入公式：请在 Excel 中选中这些单元格，复制后“选择性粘贴 → 数值”，保存后再导入");
      }
    }
    if (errors.count > before) {
      return null;
    }
    for (Column column : Column.values()) {
      String value = row.cell(columns.get(column));
      if (value != null && value.length() > column.maxLength) {
        errors.add(n, column.header + "超过" + column.maxLength + "个字符");
        value = null;
      }
      values.put(column, value);
    }
    String number = required(values, Column.NUMBER, n, errors);
    String gridText = required(values, Column.GRID, n, errors);
    String address = required(values, Column.ADDRESS, n, errors);
    String head = required(values, Column.HEAD, n, errors);

    if (number != null) {
      Integer first = firstRowOfNumber.putIfAbsent(number, n);
      if (first != null) {
        errors.add(n, "户编号“" + number + "”与第" + first + "行重复");
      }
    }
    String grid = null;
    if (gridText != null) {
      grid = grids.get(gridText);
      if (grid == null) {
        errors.add(n, "网格“" + gridText + "”不存在");
      }
    }
    String phone = values.get(Column.PHONE);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(n, "联系电话“" + phone + "”格式不正确（应为11位手机号或带区号的固定电话，如0414-2812345）");
    }
    Integer members = null;
    String membersText = values.get(Column.MEMBERS);
    if (membersText != null) {
      members = DIGITS.matcher(membersText).matches() ? parsePositive(membersText) : null;
      if (members == null) {
        errors.add(n, "家庭人口“" + membersText + "”应为正整数");
      }
    }
    Set<String> types = new LinkedHashSet<>();
    String typesText = values.get(Column.TYPES);
    if (typesText != null) {
      for (String label : TYPE_SEPARATORS.split(typesText)) {
        if (label.isEmpty()) {
          continue;
        }
        SpecialTypes.codeOf(label).ifPresentOrElse(types::add, () -> errors.add(n, "特殊类型“" + label
            + "”不存在（可填：" + String.join("、", SpecialTypes.LABELS.values()) + "）"));
      }
    }
    if (errors.count > before) {
      return null;
    }
    return new Household(null, number, grid, address, head, phone, values.get(Column.WECHAT), values.get(Column.QQ),
        members, types);
  }

  private static String required(Map<Column, String> values, Column column, int row, Errors errors) {
    String value = values.get(column);
    if (value == null) {
      errors.add(row, column.header + "不能为空");
    }
    return value;
  }

  private static Integer parsePositive(String digits) {
    try {
      int value = Integer.parseInt(digits);
      return value > 0 ? value : null;
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  private static ImportReport fileError(String name, String format, String encoding, String message,
      Consumer<ImportProgress> progress) {
    Errors errors = new Errors();
    errors.add(message);
    progress.accept(new ImportProgress(0, 0, ImportProgress.DONE));
    return ImportReport.rejected(name, format, encoding, 0, errors.listed, errors.count);
  }

  private static ImportReport rejected(String name, Sheet sheet, int total, Errors errors,
      Consumer<ImportProgress> progress) {
    progress.accept(new ImportProgress(total, total, ImportProgress.DONE));
    LOG.info("户籍表 {} 未导入：{} 行中发现 {} 处错误", name, total, errors.count);
    return ImportReport.rejected(name, sheet.format(), sheet.encoding(), total, errors.listed, errors.count);
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
