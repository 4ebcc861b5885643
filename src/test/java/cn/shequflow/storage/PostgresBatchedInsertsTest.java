package cn.shequflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostgresBatchedInsertsTest {

  @Test
  @DisplayName("PostgreSQL 连接池：批量插入改写为多行 INSERT（issue 11）")
  void postgresPool_sendsBatchedInsertsAsMultiRowStatements() {
    HikariDataSource pool = pool("jdbc:postgresql://localhost:5432/shequflow");

    new PostgresBatchedInserts().postProcessAfterInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.PROPERTY, "true");
  }

  @Test
  @DisplayName("H2 连接池不加该驱动参数")
  void h2Pool_isLeftAlone() {
    HikariDataSource pool = pool("jdbc:h2:mem:probe");

    new PostgresBatchedInserts().postProcessAfterInitialization(pool, "dataSource");

    assertThat(pool.getDataSourceProperties()).doesNotContainKey(PostgresBatchedInserts.PROPERTY);
  }

  @Test
  @DisplayName("运维在连接串或连接池里写明的取值优先")
  void explicitSetting_wins() {
    HikariDataSource inUrl = pool("jdbc:postgresql://localhost:5432/shequflow?reWriteBatchedInserts=false");
    HikariDataSource inPool = pool("jdbc:postgresql://localhost:5432/shequflow");
    inPool.addDataSourceProperty(PostgresBatchedInserts.PROPERTY, "false");

    new PostgresBatchedInserts().postProcessAfterInitialization(inUrl, "dataSource");
    new PostgresBatchedInserts().postProcessAfterInitialization(inPool, "dataSource");

    assertThat(inUrl.getDataSourceProperties()).doesNotContainKey(PostgresBatchedInserts.PROPERTY);
    assertThat(inPool.getDataSourceProperties()).containsEntry(PostgresBatchedInserts.PROPERTY, "false");
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
