package cn.shequflow.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shequflow.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 11 (world-readable H2 files) and item 5 (WRITE_DELAY): what the guard does to a real H2 file
 * database before the app's first connection — folder and files owner-only, every commit written at once.
 */
@DisabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres",
    disabledReason = "H2 文件库的守卫（WRITE_DELAY、文件权限）：PostgreSQL 地址不受守卫影响，已在 H2 轮验证 (tests H2 itself)")
class EmbeddedDatabaseGuardTest {

  @TempDir Path folder;

  private final EmbeddedDatabaseGuard guard = new EmbeddedDatabaseGuard();

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX 文件权限");
  }

  @Test
  @DisplayName("issue 10 item 11 新建的 data 目录为 rwx------，数据库文件为 rw-------")
  void newDatabase_folderAndFileAreOwnerOnly() throws Exception {
    Path data = folder.resolve("data");
    try (HikariDataSource pool = pool("jdbc:h2:file:" + data.resolve("shequ-flow") + ";DB_CLOSE_ON_EXIT=FALSE")) {
      guard.postProcessAfterInitialization(pool, "dataSource");

      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(permissions(data.resolve("shequ-flow.mv.db"))).isEqualTo("rw-------");
    }
  }

  @Test
  @DisplayName("issue 10 item 11/item 5 已有的、他人可读的数据库：目录和文件收紧为仅所有者，WRITE_DELAY 改为 0")
  void existingWorldReadableDatabase_isTightened_andWritesEveryCommit() throws Exception {
    Path data = folder.resolve("data");
    String url = "jdbc:h2:file:" + data.resolve("shequ-flow");
    // the database as an earlier version left it: H2's default delay, the umask's rwxr-xr-x / rw-r--r--
    try (Connection old = DriverManager.getConnection(url, "sa", "")) {
      old.createStatement().execute("create table resident(name varchar(20))");
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(data.resolve("shequ-flow.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

    try (HikariDataSource pool = pool(url)) {
      guard.postProcessAfterInitialization(pool, "dataSource");

      assertThat(permissions(data)).isEqualTo("rwx------");
      assertThat(permissions(data.resolve("shequ-flow.mv.db"))).isEqualTo("rw-------");
      assertThat(writeDelay(pool.getConnection())).isEqualTo("0");
    }
    // the setting is kept in the database file
    try (Connection reopened = DriverManager.getConnection(url, "sa", "")) {
      assertThat(writeDelay(reopened)).isEqualTo("0");
    }
  }

  @Test
  @DisplayName("issue 10 item 11 数据库放在共用目录时只收紧数据库文件，不改动目录")
  void sharedFolder_onlyTheDatabaseFilesAreTightened() throws Exception {
    Path notes = Files.writeString(folder.resolve("notes.txt"), "运维笔记");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));

    try (HikariDataSource pool = pool("jdbc:h2:file:" + folder.resolve("shequ"))) {
      guard.postProcessAfterInitialization(pool, "dataSource");

      assertThat(permissions(folder)).isEqualTo("rwxr-xr-x");
      assertThat(permissions(notes)).isEqualTo("rw-r--r--");
      assertThat(permissions(folder.resolve("shequ.mv.db"))).isEqualTo("rw-------");
    }
  }

  @Test
  @DisplayName("issue 10 item 5 只处理本进程内的 H2 文件库：内存库、TCP 和 PostgreSQL 地址不动")
  void onlyEmbeddedFileUrls() {
    assertThat(EmbeddedDatabaseGuard.embeddedFile("jdbc:h2:file:./data/shequ-flow;DB_CLOSE_ON_EXIT=FALSE;"
        + "AUTO_SERVER=FALSE;WRITE_DELAY=0")).contains(Path.of("data", "shequ-flow").toAbsolutePath());
    assertThat(EmbeddedDatabaseGuard.embeddedFile("jdbc:h2:mem:shequ-test;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(EmbeddedDatabaseGuard.embeddedFile("jdbc:h2:tcp://db.example/~/shequ")).isEmpty();
    assertThat(EmbeddedDatabaseGuard.embeddedFile("jdbc:postgresql://localhost:5432/shequflow")).isEmpty();
    assertThat(EmbeddedDatabaseGuard.embeddedFile(null)).isEmpty();
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername("sa");
    pool.setPassword("");
    return pool;
  }

  private static String writeDelay(Connection connection) throws SQLException {
    try (connection; ResultSet setting = connection.createStatement().executeQuery(
        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
      setting.next();
      return setting.getString(1);
    }
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
