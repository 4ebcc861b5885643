package cn.shequflow.catalogue;

import java.util.Map;

/** One row of the service catalogue (R-1.2-3): who handles a category, in how many working days, with what. */
public record CatalogueEntry(String category, String categoryName, String serviceArea, String handling,
    int timeLimitDays, String materials, String basis, String department, String departmentAddress,
    String departmentPhone, String departmentEmail, String fee) {

  /** Chinese names of the four ways a matter is handled, as workers read them in forms. */
  static final Map<String, String> HANDLING_NAMES = Map.of(
      "community", "社区直接办理", "proxy", "代办服务", "report", "上报街道或上级部门", "refer", "告知并转介责任单位");

  public String handlingName() {
    return HANDLING_NAMES.getOrDefault(handling, handling);
  }

  /** "地址；电话" as told to the resident (R-4.1-4). */
  public String departmentContact() {
    return (departmentAddress + "；" + departmentPhone).replaceAll("^；|；$", "");
  }
}
