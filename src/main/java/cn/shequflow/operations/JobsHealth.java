package cn.shequflow.operations;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "jobs": whether the job executor that fires every deadline, reminder and mail
 * runs, with the backlog, the jobs out of retries and the open incidents. DOWN when it should run and does not (no
 * deadline would fire); UNKNOWN when the configuration switched it off (tests, a node that only serves pages).
 */
@Component("jobsHealthIndicator")
class JobsHealth implements HealthIndicator {

  private final ProcessEngineConfigurationImpl configuration;
  private final EngineMetrics metrics;
  private final boolean enabled;

  JobsHealth(ProcessEngineConfigurationImpl configuration, EngineMetrics metrics,
      @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
    this.configuration = configuration;
    this.metrics = metrics;
    this.enabled = enabled;
  }

  @Override
  public Health health() {
    JobExecutor executor = configuration.getJobExecutor();
    boolean active = executor != null && executor.isActive();
    Health.Builder health = active ? Health.up() : enabled ? Health.down() : Health.unknown();
    return health
        .withDetail("executor", active ? "运行中" : enabled ? "未运行：到期的期限、提醒和邮件不会触发" : "按配置关闭")
        .withDetail("backlog", (long) metrics.backlog.value())
        .withDetail("failed", (long) metrics.failed.value())
        .withDetail("incidents", (long) metrics.incidents.value())
        .build();
  }
}
