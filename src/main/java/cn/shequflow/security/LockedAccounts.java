package cn.shequflow.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Accounts the engine holds back after failed logins, read straight from its user table (the query API hides them). */
@Repository
class LockedAccounts {

  record Account(String userId, int attempts, Instant lockedUntil) {}

  private final JdbcTemplate jdbc;

  LockedAccounts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Accounts still held back on the engine's clock, the longest-held first. */
  List<Account> find() {
    return jdbc.query("select ID_, ATTEMPTS_, LOCK_EXP_TIME_ from ACT_ID_USER where LOCK_EXP_TIME_ > ? "
            + "order by LOCK_EXP_TIME_ desc",
        (rs, i) -> new Account(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()),
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }
}
