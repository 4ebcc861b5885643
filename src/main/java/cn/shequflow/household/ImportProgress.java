package cn.shequflow.household;

/** How far an import has got: rows processed of the file's data rows, in phase 校验, 写入 or 完成. */
record ImportProgress(int processed, int total, String phase) {

  static final String VALIDATING = "校验";
  static final String WRITING = "写入";
  static final String DONE = "完成";
}
