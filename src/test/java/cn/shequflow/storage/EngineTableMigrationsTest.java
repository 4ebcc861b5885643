package cn.shequflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The engine-table migrations on a real PostgreSQL server: the partial job-lock index, idempotent; none on H2. */
class EngineTableMigrationsTest {

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  @DisplayName("已有数据库（引擎表已在）：迁移建立只含已加锁任务的部分索引、子任务索引和任务列表的两个索引，重复启动不再执行")
  void existingDatabase_getsThePartialLockIndexOnce() {
    DataSource dataSource = postgres.getPostgresDatabase();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    // the columns of the engine's job table the index is about (the engine itself creates the full table)
    jdbc.execute("create table act_ru_job (id_ varchar(64) primary key, lock_exp_time_ timestamp, "
        + "lock_owner_ varchar(255))");
    jdbc.execute("create table act_ru_task (id_ varchar(64) primary key, parent_task_id_ varchar(64), due_date_ timestamp)");
    jdbc.execute("create table act_ru_identitylink (id_ varchar(64) primary key, group_id_ varchar(255), "
        + "type_ varchar(255), task_id_ varchar(64))");

    EngineTableMigrations.migrate(dataSource, "postgresql");
    EngineTableMigrations.migrate(dataSource, "postgresql");

    List<String> indexes = jdbc.queryForList(
        "select indexdef from pg_indexes where tablename = 'act_ru_job' and indexname = 'shequ_job_locked'",
        String.class);
    assertThat(indexes).singleElement().asString()
        .contains("(lock_exp_time_)").contains("WHERE (lock_owner_ IS NOT NULL)");
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'act_ru_task'", String.class))
        .contains("shequ_task_parent", "shequ_task_due");
    assertThat(jdbc.queryForList("select indexdef from pg_indexes where indexname = 'shequ_identitylink_group'",
        String.class)).singleElement().asString().contains("(group_id_, type_, task_id_)");
    assertThat(jdbc.queryForList("select version from " + EngineTableMigrations.HISTORY_TABLE
        + " where success and type = 'SQL' order by installed_rank", String.class)).containsExactly("1", "2", "31");
  }

  @Test
  @DisplayName("H2 没有引擎表迁移：不建历史表")
  void h2_hasNoEngineMigrations() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:engine-migrations;DB_CLOSE_DELAY=-1");

    EngineTableMigrations.migrate(h2, "h2");

    assertThat(new JdbcTemplate(h2).queryForObject("select count(*) from information_schema.tables "
        + "where lower(table_name) = ?", Integer.class, EngineTableMigrations.HISTORY_TABLE)).isZero();
  }
}
