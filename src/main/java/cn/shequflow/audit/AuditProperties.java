package cn.shequflow.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long audit rows are kept (at least the 180 days 等保 2.0 asks for; a shorter value refuses to start) and how
 * often a successful HTTP Basic login of the same user from the same address is written again (every REST call logs
 * in anew, and one row per call would bury the other events).
 */
@ConfigurationProperties(prefix = "shequ.audit")
record AuditProperties(
    @DefaultValue("P180D") Duration retention,
    @DefaultValue("PT30M") Duration basicLoginInterval) {

  static final Duration MINIMUM_RETENTION = Duration.ofDays(180);

  AuditProperties {
    if (retention.compareTo(MINIMUM_RETENTION) < 0) {
      throw new IllegalArgumentException("审计日志保留期限 shequ.audit.retention 不能少于 180 天（等保 2.0），当前为 "
          + retention.toDays() + " 天");
    }
  }
}
