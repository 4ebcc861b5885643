package cn.shequflow.household;

import java.util.ArrayList;
import java.util.List;

/** The errors of one import in order, keeping the first ones for the report and counting all. */
final class ImportErrors {

  private final List<String> listed = new ArrayList<>();
  private int count;

  void add(String message) {
    if (listed.size() < ImportReport.MAX_LISTED) {
      listed.add(message);
    }
    count++;
  }

  /** An error of a sheet row, as the manager reads it: 第N行：… */
  void add(int row, String message) {
    add("第" + row + "行：" + message);
  }

  int count() {
    return count;
  }

  List<String> listed() {
    return listed;
  }
}
