package cn.shequflow.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Does for the embedded H2 file what H2's background writer does when commits are delayed: rewrites chunks that are
 * mostly dead so their space is reused. WRITE_DELAY 0 stops that background thread, and a file where every commit
 * adds a chunk otherwise grows by about a megabyte per case (measured over 250 reception starts, one every two
 * seconds: 243 MB without this, 128 MB with a run a minute, 79 MB with H2's old 500 ms delay; 0.15 MB live per case).
 * Only chunks older than H2's retention time (45 s, kept: it guards the file against reordered writes) are rewritten.
 */
@Component
class EmbeddedDatabaseCompaction {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseCompaction.class);

  /** Rewrite chunks until they are this full (H2's own AUTO_COMPACT_FILL_RATE is 90; less rewrites less). */
  static final int TARGET_FILL_RATE = 80;
  /** Bytes rewritten per run at most, so one run holds the store's lock for a fraction of a second. */
  static final int WRITE_LIMIT = 16 * 1024 * 1024;

  private final DataSource dataSource;

  EmbeddedDatabaseCompaction(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Scheduled(fixedDelayString = "${shequ.storage.h2-compact-interval:PT1M}",
      initialDelayString = "${shequ.storage.h2-compact-interval:PT1M}")
  void compactNow() {
    try {
      compact();
    } catch (SQLException | RuntimeException e) {
      // a skipped run costs disk space, never data: the next run tries again
      LOG.warn("内置数据库整理未完成，下次再试：{}", e.getMessage());
    }
  }

  /** One run; empty when the database is not an embedded H2 file (PostgreSQL, H2 in memory or over TCP). */
  Optional<Boolean> compact() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Optional<MVStore> store = embeddedStore(connection);
      if (store.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(store.get().compact(TARGET_FILL_RATE, WRITE_LIMIT));
    }
  }

  private static Optional<MVStore> embeddedStore(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
        || !session.getDatabase().isPersistent()) {
      return Optional.empty();
    }
    MVStore store = session.getDatabase().getStore().getMvStore();
    return store.getFileStore() == null ? Optional.empty() : Optional.of(store);
  }
}
