package cn.shequflow.household;

import java.util.List;

/**
 * The outcome of one household import, as the manager reads it: counts when it was written, otherwise every
 * error with its sheet row (the first {@link #MAX_LISTED} listed, the rest counted in moreErrors).
 */
record ImportReport(boolean ok, String fileName, String format, String encoding, int rowCount, int inserted,
    int updated, int unchanged, int errorCount, List<String> errors, int moreErrors, String message) {

  static final int MAX_LISTED = 200;

  static ImportReport written(String fileName, String format, String encoding, int rowCount, int inserted,
      int updated, int unchanged) {
    return new ImportReport(true, fileName, format, encoding, rowCount, inserted, updated, unchanged, 0, List.of(), 0,
        String.format("导入完成：共 %d 行，新增 %d 户，更新 %d 户，未变化 %d 户", rowCount, inserted, updated, unchanged));
  }

  /** Nothing was written; listed holds the first errors (at most MAX_LISTED) of errorCount found. */
  static ImportReport rejected(String fileName, String format, String encoding, int rowCount, List<String> listed,
      int errorCount) {
    List<String> errors = listed.subList(0, Math.min(listed.size(), MAX_LISTED));
    int more = errorCount - errors.size();
    String message = String.format("导入失败：发现 %d 处错误，未写入任何数据", errorCount)
        + (more > 0 ? String.format("（仅列出前 %d 处，另有 %d 处未列出）", MAX_LISTED, more) : "")
        + "。请修改后重新导入整个文件。";
    return new ImportReport(false, fileName, format, encoding, rowCount, 0, 0, 0, errorCount, List.copyOf(errors),
        more, message);
  }
}
