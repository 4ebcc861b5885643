package cn.shequflow.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.h2.api.ErrorCode;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Runs H2's online {@code BACKUP TO} into the configured folder: a zip of the database file, transactionally
 * consistent while cases go on (H2's MVCC), named by the date and time. The folder and the files are readable by the
 * app's user only (a backup holds the residents' data). PostgreSQL and in-memory databases are refused.
 */
@Service
@EnableConfigurationProperties(BackupProperties.class)
public class DatabaseBackup {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneId.of("Asia/Shanghai"));

  /** A finished backup: the file's name in the folder, its size in bytes and the folder. */
  public record Result(String file, long size, Path folder) {}

  /** Why no backup was made, in Chinese for the operator. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  private final DataSource dataSource;
  private final Path folder;

  DatabaseBackup(DataSource dataSource, BackupProperties properties) {
    this.dataSource = dataSource;
    this.folder = Path.of(properties.folder()).toAbsolutePath().normalize();
  }

  /** Backs the running database up; {@link Refused} on PostgreSQL or an in-memory database. */
  public synchronized Result backup() {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName();
      if (!"H2".equals(product)) {
        throw new Refused("本系统使用 " + product + " 数据库，应用内备份只用于内置 H2 数据库。请运维人员用 pg_dump 备份"
            + "（pg_dump -Fc，见 docs/operations.md 的“备份与恢复”）。");
      }
      Path file = nextFile();
      try (Statement sql = connection.createStatement()) {
        sql.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
      } catch (SQLException e) {
        if (e.getErrorCode() == ErrorCode.DATABASE_IS_NOT_PERSISTENT) {
          throw new Refused("当前是内存数据库（仅用于测试），没有可备份的数据库文件。");
        }
        throw e;
      }
      restrict(file, "rw-------");
      return new Result(file.getFileName().toString(), Files.size(file), folder);
    } catch (SQLException e) {
      throw new IllegalStateException("数据库备份失败：" + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("数据库备份失败：" + e.getMessage(), e);
    }
  }

  /** shequ-flow-20261204-104700.zip, with -2, -3 … when a backup of the same second exists. */
  private Path nextFile() throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      restrict(folder, "rwx------");
    }
    String stem = "shequ-flow-" + STAMP.format(ClockUtil.getCurrentTime().toInstant());
    Path file = folder.resolve(stem + ".zip");
    for (int n = 2; Files.exists(file); n++) {
      file = folder.resolve(stem + "-" + n + ".zip");
    }
    return file;
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }
}
