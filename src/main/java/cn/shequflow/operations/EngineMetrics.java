package cn.shequflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's work as metrics: jobs due and waiting for the job executor (the backlog), jobs whose retries ran out,
 * and open incidents. Counted at most every 15 seconds however often they are read.
 */
@Component
class EngineMetrics implements MeterBinder {

  final CachedCount backlog;
  final CachedCount failed;
  final CachedCount incidents;

  EngineMetrics(ManagementService management, RuntimeService runtime) {
    Clock clock = Clock.systemUTC();
    backlog = new CachedCount(() -> management.createJobQuery().executable().count(), clock,
        CachedCount.METRICS_MAX_AGE);
    failed = new CachedCount(() -> management.createJobQuery().noRetriesLeft().count(), clock,
        CachedCount.METRICS_MAX_AGE);
    incidents = new CachedCount(() -> runtime.createIncidentQuery().count(), clock, CachedCount.METRICS_MAX_AGE);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("shequ.jobs.backlog", backlog, CachedCount::value)
        .description("到期待执行的作业（定时器、邮件）").baseUnit("jobs").strongReference(true).register(registry);
    Gauge.builder("shequ.jobs.failed", failed, CachedCount::value)
        .description("重试次数用完的作业").baseUnit("jobs").strongReference(true).register(registry);
    Gauge.builder("shequ.incidents.open", incidents, CachedCount::value)
        .description("未解决的流程事故（incident）").strongReference(true)
        .register(registry);
  }
}
