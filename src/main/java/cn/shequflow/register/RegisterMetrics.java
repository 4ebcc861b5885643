package cn.shequflow.register;

import cn.shequflow.operations.CachedCount;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The register's totals as metrics (issue 17 item 5), per kind of case: received (started), closed, and open past
 * their current deadline by the KPIs' own definition ({@link Measures#OVERDUE_OPEN}). Counted at most every 15
 * seconds; no resident data leaves the table.
 */
@Component
class RegisterMetrics implements MeterBinder {

  private final JdbcTemplate jdbc;

  RegisterMetrics(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : CaseRegister.KINDS) {
      gauge(registry, "shequ.cases.started", "登记的事项（含已办结）", kind, "select count(*) from case_register where kind = ?");
      gauge(registry, "shequ.cases.closed", "已办结的事项", kind,
          "select count(*) from case_register where kind = ? and status = 'closed'");
      gauge(registry, "shequ.cases.overdue", "逾期未办结的事项", kind,
          "select count(*) from case_register where kind = ? and " + Measures.OVERDUE_OPEN);
    }
  }

  private void gauge(MeterRegistry registry, String name, String description, String kind, String sql) {
    int times = (int) sql.chars().filter(c -> c == '?').count() - 1; // the overdue measure's "now"s after the kind
    CachedCount.gauge(name, description, () -> {
      Object[] args = new Object[times + 1];
      args[0] = kind;
      Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
      for (int i = 1; i <= times; i++) {
        args[i] = now;
      }
      Long value = jdbc.queryForObject(sql, Long.class, args);
      return value == null ? 0 : value;
    }).tag("kind", kind).register(registry);
  }
}
