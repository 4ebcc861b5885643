package cn.shequflow.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.engine.ConnectionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Hardens the embedded H2 database (the default profile's {@code ./data/shequ-flow.mv.db}) before the engine or
 * anyone else uses it: its folder is created owner-only, its files are made owner-only, and every commit is written
 * to the file before the commit returns ({@code WRITE_DELAY 0}), so a case acknowledged to a worker survives
 * {@code kill -9}. PostgreSQL and H2 in memory or over TCP are left alone.
 */
@Component
class EmbeddedDatabaseGuard implements BeanPostProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseGuard.class);

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    // the pool opens no connection before its first use, so this runs before H2 creates or opens anything
    if (bean instanceof HikariDataSource pool) {
      embeddedFile(pool.getJdbcUrl()).ifPresent(database -> protect(pool, database));
    }
    return bean;
  }

  /** The path (without suffix) of the database an H2 URL opens in this process; empty for anything else. */
  static Optional<Path> embeddedFile(String url) {
    if (url == null || !url.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    // H2's own reading of its URL (file:, nio:, ~, relative ./ paths, settings after ;)
    ConnectionInfo info = new ConnectionInfo(url, new Properties(), null, null);
    if (!info.isPersistent() || info.isRemote()) {
      return Optional.empty();
    }
    return Optional.of(Path.of(info.getName()));
  }

  private static void protect(DataSource pool, Path database) {
    Path folder = database.getParent();
    String prefix = database.getFileName() + ".";
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      restrictFolder(folder, prefix);
      restrictFiles(folder, prefix);
    }
    try (Connection connection = pool.getConnection()) {
      writeEveryCommit(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("无法打开内置数据库 " + database + ".mv.db：" + e.getMessage(), e);
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // a new database's .mv.db was created by the first connection, with the process's umask
      restrictFiles(folder, prefix);
    }
  }

  /**
   * Creates the folder as rwx------, or tightens an existing one when it holds nothing but this database (./data);
   * a shared folder (the home directory, /tmp) is not ours to change, so only its database files are tightened.
   */
  static void restrictFolder(Path folder, String prefix) {
    try {
      if (Files.notExists(folder)) {
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        Files.setPosixFilePermissions(folder, FOLDER); // the umask may have removed bits; never adds any
        LOG.info("已创建内置数据库目录 {}（仅所有者可访问，rwx------）", folder);
        return;
      }
      Set<PosixFilePermission> current = Files.getPosixFilePermissions(folder);
      if (ownerOnly(current)) {
        return;
      }
      if (holdsOnly(folder, prefix)) {
        Files.setPosixFilePermissions(folder, FOLDER);
        LOG.info("内置数据库目录 {} 的权限由 {} 改为 rwx------（仅所有者可访问）", folder,
            PosixFilePermissions.toString(current));
      } else {
        LOG.warn("内置数据库目录 {} 中还有其他文件，其他用户可以访问（{}）：未修改该目录的权限，只把数据库文件设为仅所有者可读写。"
            + "建议把数据库放在单独的目录（spring.datasource.url），并把该目录设为 chmod 700", folder,
            PosixFilePermissions.toString(current));
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("无法设置内置数据库目录 {} 的权限：{}。请手工执行 chmod 700 {}", folder, e.getMessage(), folder);
    }
  }

  /** Makes this database's files (.mv.db, .trace.db, .lock.db, temporary files) rw-------. */
  static void restrictFiles(Path folder, String prefix) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, entry -> isDatabaseFile(entry, prefix))) {
      for (Path file : files) {
        if (!ownerOnly(Files.getPosixFilePermissions(file))) {
          Files.setPosixFilePermissions(file, FILE);
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warn("无法设置内置数据库文件的权限（{}）：{}。请手工执行 chmod 600 {}/{}*", folder, e.getMessage(), folder, prefix);
    }
  }

  /**
   * H2 keeps a commit in memory for WRITE_DELAY ms (500 by default) and writes it with the next background store;
   * at 0 the commit itself writes its changes to the file, so a process killed right after an answer loses nothing.
   * The URL in application.yaml says so too; this covers an operator's own H2 URL. The setting is kept in the file.
   */
  static void writeEveryCommit(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      String delay;
      try (ResultSet setting = statement.executeQuery(
          "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
        delay = setting.next() ? setting.getString(1) : null;
      }
      if (!"0".equals(delay)) {
        statement.execute("SET WRITE_DELAY 0");
        LOG.warn("内置数据库的 WRITE_DELAY 原为 {} 毫秒（提交后延迟写盘，进程被强制结束时会丢失刚刚受理的事项），已改为 0：每次提交先写入文件再答复",
            delay);
      }
    }
  }

  private static boolean holdsOnly(Path folder, String prefix) throws IOException {
    try (DirectoryStream<Path> others = Files.newDirectoryStream(folder, entry -> !isDatabaseFile(entry, prefix))) {
      return !others.iterator().hasNext();
    }
  }

  private static boolean isDatabaseFile(Path entry, String prefix) {
    return entry.getFileName().toString().startsWith(prefix) && Files.isRegularFile(entry);
  }

  private static boolean ownerOnly(Set<PosixFilePermission> permissions) {
    return permissions.stream().allMatch(p -> p == PosixFilePermission.OWNER_READ
        || p == PosixFilePermission.OWNER_WRITE || p == PosixFilePermission.OWNER_EXECUTE);
  }
}
