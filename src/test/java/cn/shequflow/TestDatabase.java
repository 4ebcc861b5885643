package cn.shequflow;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.boot.SpringApplication;

/**
 * The database the tests run on. The default pass uses in-memory H2 (the test profile's {@code shequ-test}); the
 * PostgreSQL pass ({@code -Dshequ.test.database=postgres}, the pom's second surefire run) uses one embedded
 * PostgreSQL server per JVM, started on first use, with a database of its own for each name. {@link
 * PostgresTestProfile} points the test profile's datasource at it, so every Spring test runs unchanged on either.
 */
public final class TestDatabase {

  /** System property that picks the pass: {@code postgres}, or anything else (absent) for H2. */
  public static final String PROPERTY = "shequ.test.database";
  public static final String POSTGRES_USER = "postgres";

  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** Whether this JVM runs the PostgreSQL pass. */
  public static boolean postgres() {
    return "postgres".equals(System.getProperty(PROPERTY));
  }

  /**
   * Command-line arguments for an app a test starts itself (the prod profile tests): {@code args}, then the
   * {@code --spring.datasource.*} of a new, empty database called {@code name} on this pass's database.
   */
  public static String[] appArgs(String name, String... args) {
    String[] datasource = postgres()
        ? new String[] {"--spring.datasource.url=" + server().getJdbcUrl(POSTGRES_USER, fresh(name)),
            "--spring.datasource.username=" + POSTGRES_USER, "--spring.datasource.password=" + POSTGRES_USER}
        : new String[] {"--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
            "--spring.datasource.username=sa"};
    String[] all = Arrays.copyOf(args, args.length + datasource.length);
    System.arraycopy(datasource, 0, all, args.length, datasource.length);
    return all;
  }

  /** A new, empty database called {@code name} on this pass's database, for tests that run Flyway themselves. */
  public static DataSource dataSource(String name) {
    if (!postgres()) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      h2.setUser("sa");
      return h2;
    }
    String database = fresh(name);
    return server().getDatabase(POSTGRES_USER, database);
  }

  /** JDBC address of database {@code name} on the shared server, created if it is not there yet (kept if it is). */
  static String postgresUrl(String name) {
    String database = databaseName(name);
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      var exists = sql.executeQuery("select 1 from pg_database where datname = '" + database + "'");
      if (!exists.next()) {
        sql.execute("create database " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("嵌入式 PostgreSQL 无法建库 " + database, e);
    }
    return server().getJdbcUrl(POSTGRES_USER, database);
  }

  /** Drops and creates database {@code name}: a test's own app starts on an empty schema, as on H2. */
  private static String fresh(String name) {
    String database = databaseName(name);
    execute("drop database if exists " + database + " with (force)");
    execute("create database " + database);
    return database;
  }

  private static String databaseName(String name) {
    String database = name.toLowerCase().replace('-', '_');
    if (!database.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("测试库名只能是字母、数字、- 和 _：" + name);
    }
    return database;
  }

  private static void execute(String statement) {
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement sql = connection.createStatement()) {
      sql.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException("嵌入式 PostgreSQL：" + statement, e);
    }
  }

  /**
   * The JVM's one server. It is stopped by Spring Boot's shutdown handlers, which run after the application contexts
   * still open (the test context cache) are closed: the engine writes its metrics on close, so the server must
   * outlive every context.
   */
  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
      } catch (IOException e) {
        throw new UncheckedIOException("嵌入式 PostgreSQL 无法启动", e);
      }
      EmbeddedPostgres started = server;
      SpringApplication.getShutdownHandlers().add(() -> {
        try {
          started.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return server;
  }
}
