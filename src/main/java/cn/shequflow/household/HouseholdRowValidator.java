package cn.shequflow.household;

import cn.shequflow.household.HouseholdSheetParser.SheetRow;
import cn.shequflow.organisation.Organisation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The validate step of the household import: the header must name every column once, and every data row must make
 * a household — required cells, known grid, phone format, positive member count, known special types, no
 * formulas, no household number twice — each failure a Chinese error with its sheet row.
 */
@Component
class HouseholdRowValidator {

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

  private final Organisation organisation;

  HouseholdRowValidator(Organisation organisation) {
    this.organisation = organisation;
  }

  /**
   * The households of the data rows, in order, when errors stays empty; checked tells after every row how many have
   * been checked.
   */
  List<Household> households(List<SheetRow> data, Map<Column, Integer> columns, ImportErrors errors,
      IntConsumer checked) {
    Map<String, String> grids = gridsByIdAndName();
    Map<String, Integer> firstRowOfNumber = new HashMap<>();
    List<Household> households = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      Household household = validate(data.get(i), columns, grids, firstRowOfNumber, errors);
      if (household != null) {
        households.add(household);
      }
      checked.accept(i + 1);
    }
    return households;
  }

  /** The column of every required header, adding an error for a missing or doubled one. */
  static Map<Column, Integer> columns(SheetRow header, ImportErrors errors) {
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
      Map<String, Integer> firstRowOfNumber, ImportErrors errors) {
    int before = errors.count();
    int n = row.number();
    Map<Column, String> values = new EnumMap<>(Column.class);
    for (Column column : Column.values()) {
      if (row.isFormula(columns.get(column))) {
        // issue 10 item 12: a formula's cached result may be stale, forged or missing, and the formula itself is no
        // resident's data; the manager turns it into values in Excel, which takes one paste
        errors.add(n, column.header + "是 Excel 公式，不导入公式：请在 Excel 中选中这些单元格，复制后“选择性粘贴 → 数值”，保存后再导入");
      }
    }
    if (errors.count() > before) {
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
    if (errors.count() > before) {
      return null;
    }
    return new Household(null, number, grid, address, head, phone, values.get(Column.WECHAT), values.get(Column.QQ),
        members, types);
  }

  private static String required(Map<Column, String> values, Column column, int row, ImportErrors errors) {
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
}
