package cn.shequflow.household;

import cn.shequflow.household.HouseholdSheetParser.Sheet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress step of one household import: tells the caller how far it has got — every {@link #PROGRESS_EVERY}
 * rows while checking, after every chunk while writing, then 完成 — and ends it with the report and its log line.
 */
final class ImportReporter {

  static final int PROGRESS_EVERY = 1000;
  /** The import's log lines keep the category they always had. */
  private static final Logger LOG = LoggerFactory.getLogger(HouseholdImporter.class);

  private final String fileName;
  private final Consumer<ImportProgress> progress;

  ImportReporter(String fileName, Consumer<ImportProgress> progress) {
    this.fileName = fileName;
    this.progress = progress;
  }

  /** checked of total data rows have been checked. */
  void checked(int checked, int total) {
    if (checked == total || checked % PROGRESS_EVERY == 0) {
      progress.accept(new ImportProgress(checked, total, ImportProgress.VALIDATING));
    }
  }

  /** written of total households are in the registry's transaction. */
  void written(int written, int total) {
    progress.accept(new ImportProgress(written, total, ImportProgress.WRITING));
  }

  /** The file itself cannot be imported (type, empty, unreadable). */
  ImportReport fileError(String format, String encoding, String message) {
    ImportErrors errors = new ImportErrors();
    errors.add(message);
    progress.accept(new ImportProgress(0, 0, ImportProgress.DONE));
    return ImportReport.rejected(fileName, format, encoding, 0, errors.listed(), errors.count());
  }

  /** Nothing was written because of errors in total data rows. */
  ImportReport rejected(Sheet sheet, int total, ImportErrors errors) {
    progress.accept(new ImportProgress(total, total, ImportProgress.DONE));
    LOG.info("户籍表 {} 未导入：{} 行中发现 {} 处错误", fileName, total, errors.count());
    return ImportReport.rejected(fileName, sheet.format(), sheet.encoding(), total, errors.listed(), errors.count());
  }

  /** All total data rows were written. */
  ImportReport written(Sheet sheet, int total, HouseholdRepository.UpsertResult result) {
    progress.accept(new ImportProgress(total, total, ImportProgress.WRITING));
    progress.accept(new ImportProgress(total, total, ImportProgress.DONE));
    LOG.info("户籍表 {} 已导入：{} 行，新增 {}，更新 {}，未变化 {}", fileName, total, result.inserted(), result.updated(),
        result.unchanged());
    return ImportReport.written(fileName, sheet.format(), sheet.encoding(), total, result.inserted(), result.updated(),
        result.unchanged());
  }
}
