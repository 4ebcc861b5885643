package cn.shequflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.TestDatabase;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 10 item 11: upgrading an existing database moves the household profile reads into the one audit table. */
class AuditMigrationTest {

  @Test
  @DisplayName("issue 10 item 11 升级时 profile_access_log 的查阅记录迁入 audit_log，旧表删除")
  void profileAccessLog_movesIntoTheAuditLog() {
    DataSource dataSource = TestDatabase.dataSource("audit-migration");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    Flyway.configure().dataSource(dataSource).table("shequ_schema_history").target("6").load().migrate();
    Timestamp at = Timestamp.valueOf("2026-11-02 10:15:00");
    jdbc.update("insert into profile_access_log (household_id, user_id, accessed_at, granted) values (?, ?, ?, ?)",
        42L, "zhangwei", at, true);
    jdbc.update("insert into profile_access_log (household_id, user_id, accessed_at, granted) values (?, ?, ?, ?)",
        42L, "lina", at, false);

    Flyway.configure().dataSource(dataSource).table("shequ_schema_history").load().migrate();

    assertThat(jdbc.queryForList("select actor || ':' || action || ':' || object_id || ':' || outcome from audit_log "
        + "where occurred_at = ?", String.class, at))
        .containsExactlyInAnyOrder("zhangwei:PROFILE_VIEW:42:success", "lina:PROFILE_VIEW:42:denied");
    assertThat(jdbc.queryForObject("select count(*) from information_schema.tables "
        + "where lower(table_name) = 'profile_access_log'", Long.class)).isZero();
  }
}
