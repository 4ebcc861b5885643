package cn.shequflow.household;

import cn.shequflow.household.HouseholdRowValidator.Column;
import cn.shequflow.household.HouseholdSheetParser.Sheet;
import cn.shequflow.household.HouseholdSheetParser.SheetRow;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports the community's household sheet (.xlsx or .csv, Chinese header) into the registry: every row is checked
 * first, and only a file without errors is written, in one transaction. Coordinates the steps — parse
 * ({@link HouseholdSheetParser}), validate ({@link HouseholdRowValidator}), store ({@link HouseholdRepository}) and
 * progress ({@link ImportReporter}).
 */
@Service
class HouseholdImporter {

  private static final Logger LOG = LoggerFactory.getLogger(HouseholdImporter.class);

  private final HouseholdRepository repository;
  private final HouseholdRowValidator validator;
  private final TransactionTemplate transaction;
  /** One writer at a time in this JVM: two imports of the same new household number would otherwise collide. */
  private final ReentrantLock writing = new ReentrantLock();

  HouseholdImporter(HouseholdRepository repository, HouseholdRowValidator validator,
      PlatformTransactionManager transactions) {
    this.repository = repository;
    this.validator = validator;
    this.transaction = new TransactionTemplate(transactions);
  }

  ImportReport importFile(String fileName, byte[] content, Consumer<ImportProgress> progress) {
    Parsed parsed = parse(fileName, content);
    if (parsed.refusal() != null) {
      progress.accept(new ImportProgress(0, 0, ImportProgress.DONE));
      return parsed.refusal();
    }
    return importParsed(parsed, progress);
  }

  /**
   * A file read into rows, or the report refusing it (type, empty, unreadable): the staff page reads the file while
   * the upload waits, so a file that is no spreadsheet is answered at once; checking and writing run in the background.
   */
  record Parsed(String name, Sheet sheet, ImportReport refusal) {}

  /** The first step alone: the file read, nothing checked or written. */
  Parsed parse(String fileName, byte[] content) {
    String name = fileName == null || fileName.isBlank() ? "（未命名文件）" : fileName.strip();
    ImportReporter reporter = new ImportReporter(name, progress -> {});
    String lower = name.toLowerCase(Locale.ROOT);
    String format = lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : null;
    if (format == null) {
      String message = lower.endsWith(".xls")
          ? "不支持旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再导入"
          : "不支持的文件类型“" + name + "”，请上传 .xlsx 或 .csv 文件";
      return new Parsed(name, null, reporter.fileError(null, null, message));
    }
    if (content == null || content.length == 0) {
      return new Parsed(name, null, reporter.fileError(format, null, "文件为空：没有表头，也没有数据"));
    }
    try {
      return new Parsed(name, HouseholdSheetParser.read(format, content), null);
    } catch (Exception e) {
      LOG.warn("户籍表 {} 无法读取：{}", name, e.toString());
      return new Parsed(name, null,
          reporter.fileError(format, null, "无法读取 Excel 文件，请确认文件没有损坏、没有加密，并且是 .xlsx 格式"));
    }
  }

  /** The steps after reading: every row checked, then the whole file written or nothing. */
  ImportReport importParsed(Parsed parsed, Consumer<ImportProgress> progress) {
    if (parsed.refusal() != null) {
      throw new IllegalArgumentException("a refused file is not imported");
    }
    return importSheet(parsed.name(), parsed.sheet(), new ImportReporter(parsed.name(), progress));
  }

  private ImportReport importSheet(String name, Sheet sheet, ImportReporter reporter) {
    List<SheetRow> rows = sheet.rows().stream().filter(row -> !row.isBlank()).toList();
    if (rows.isEmpty()) {
      return reporter.fileError(sheet.format(), sheet.encoding(), "文件为空：没有表头，也没有数据");
    }
    ImportErrors errors = new ImportErrors();
    Map<Column, Integer> columns = HouseholdRowValidator.columns(rows.get(0), errors);
    List<SheetRow> data = rows.subList(1, rows.size());
    if (errors.count() > 0) {
      return reporter.rejected(sheet, data.size(), errors);
    }
    if (data.isEmpty()) {
      return reporter.fileError(sheet.format(), sheet.encoding(), "文件中没有数据行（只有表头）");
    }

    int total = data.size();
    List<Household> households = validator.households(data, columns, errors,
        checked -> reporter.checked(checked, total));
    if (errors.count() > 0) {
      return reporter.rejected(sheet, total, errors);
    }

    HouseholdRepository.UpsertResult result;
    writing.lock();
    try {
      result = transaction.execute(status -> repository.upsert(households, written -> {
        if (written < total) {
          reporter.written(written, total);
        }
      }));
    } catch (RuntimeException e) {
      // the message may quote a resident's data (R-1.2-7): the log keeps the kind of failure, not the values
      LOG.error("户籍表 {} 写入失败，已全部回滚：{}", name, e.getClass().getName());
      ImportErrors failure = new ImportErrors();
      failure.add("写入数据库失败，本次导入没有写入任何数据；请稍后重新导入，若仍失败请联系系统管理员");
      return reporter.rejected(sheet, total, failure);
    } finally {
      writing.unlock();
    }
    return reporter.written(sheet, total, result);
  }
}
