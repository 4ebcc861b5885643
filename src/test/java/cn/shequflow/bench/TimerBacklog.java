package cn.shequflow.bench;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import cn.shequflow.organisation.Organisation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Part (c): a backlog of due timers among future ones, fired by the app's job executor with the app's settings; the
 * due count sampled every second, and every log line that says a connection could not be had, counted.
 */
final class TimerBacklog {

  private final BenchConfig config;
  private final BenchResults results;
  private final BenchDatabase database;

  TimerBacklog(BenchConfig config, BenchResults results, BenchDatabase database) {
    this.config = config;
    this.results = results;
    this.database = database;
  }

  static BpmnModelInstance timerProcess(String key, boolean due) {
    var timer = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(30).startEvent().intermediateCatchEvent(
        key + "Timer");
    return (due ? timer.timerWithDate("2000-01-01T00:00:00") : timer.timerWithDuration("P3650D")).endEvent().done();
  }

  /** Log events that tell of a connection not had (Spring's and Hikari's messages), counted while it runs. */
  static final class ConnectionErrors extends AppenderBase<ILoggingEvent> {
    final AtomicInteger count = new AtomicInteger();
    final List<String> first = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
      for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
        text.append(' ').append(cause.getClassName()).append(' ').append(cause.getMessage());
      }
      String all = text.toString();
      if (all.contains("Could not open JDBC Connection") || all.contains("Connection is not available")
          || all.contains("CannotGetJdbcConnectionException") || all.contains("SQLTransientConnectionException")) {
        if (count.incrementAndGet() <= 3) {
          synchronized (first) {
            first.add(all.length() > 300 ? all.substring(0, 300) : all);
          }
        }
      }
    }
  }

  void run(AppInstance app) throws Exception {
    String db = database.kind;
    JobExecutor jobExecutor = app.configuration().getJobExecutor();
    Organisation organisation = app.bean(Organisation.class);
    // the backlog is laid down with the job executor stopped, so it starts with all of it due at once
    jobExecutor.shutdown();
    organisation.runAsApp(() -> app.engine().getRepositoryService().createDeployment().name("bench-timers")
        .addModelInstance("bench-timer-due.bpmn", timerProcess("benchTimerDue", true))
        .addModelInstance("bench-timer-future.bpmn", timerProcess("benchTimerFuture", false)).deploy());
    long started = System.nanoTime();
    create(app, "benchTimerFuture", config.timersFuture());
    create(app, "benchTimerDue", config.timersDue());
    results.add(db, "c", "build: " + config.timersDue() + " due + " + config.timersFuture() + " future timers",
        (System.nanoTime() - started) / 1e9, "s", "started in-process, 500 per transaction");
    try (Connection c = DriverManager.getConnection(app.jdbcUrl, database.user(), database.password())) {
      results.add(db, "c", "size: jobs in ACT_RU_JOB", count(c, "select count(*) from ACT_RU_JOB"), "", null);
    }

    ConnectionErrors errors = new ConnectionErrors();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    errors.setContext(root.getLoggerContext());
    errors.start();
    root.addAppender(errors);
    List<Long> perSecond = new ArrayList<>();
    long fireStart = System.nanoTime();
    try (Connection c = DriverManager.getConnection(app.jdbcUrl, database.user(), database.password());
        PreparedStatement due = c.prepareStatement("select count(*) from ACT_RU_JOB j join ACT_RE_PROCDEF d"
            + " on d.ID_ = j.PROCESS_DEF_ID_ where d.KEY_ = 'benchTimerDue'")) {
      long left = config.timersDue();
      jobExecutor.start();
      long limit = System.nanoTime() + 3_600_000_000_000L;
      while (left > 0 && System.nanoTime() < limit) {
        Thread.sleep(1000);
        long now;
        try (ResultSet r = due.executeQuery()) {
          r.next();
          now = r.getLong(1);
        }
        perSecond.add(left - now);
        left = now;
      }
    } finally {
      root.detachAppender(errors);
    }
    double seconds = (System.nanoTime() - fireStart) / 1e9;
    int stall = 0;
    int longestStall = 0;
    for (long fired : perSecond) {
      stall = fired == 0 ? stall + 1 : 0;
      longestStall = Math.max(longestStall, stall);
    }
    results.add(db, "c", "due timers drained in", seconds, "s", perSecond.size() + " one-second samples");
    results.add(db, "c", "timers fired per second (mean)", config.timersDue() / seconds, "/s", null);
    results.add(db, "c", "timers fired per second (median second)", BenchResults.median(perSecond), "/s", null);
    results.add(db, "c", "timers fired per second (p95 second)", BenchResults.quantile(perSecond, 0.95), "/s", null);
    results.add(db, "c", "longest stall (seconds with none fired)", longestStall, "s", null);
    results.add(db, "c", "connection errors in the log", errors.count.get(), "",
        errors.first.isEmpty() ? "none" : String.join(" | ", errors.first));
    results.info(db + ".timers.perSecond", perSecond);
  }

  private static long count(Connection c, String sql) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** {@code count} instances, 500 per transaction, on two threads. */
  private static void create(AppInstance app, String key, int count) throws Exception {
    RuntimeService runtime = app.engine().getRuntimeService();
    TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
    AtomicInteger left = new AtomicInteger(count);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        workers.add(pool.submit(() -> {
          int batch;
          while ((batch = Math.min(500, left.getAndAdd(-500))) > 0) {
            int n = batch;
            transaction.executeWithoutResult(status -> {
              for (int i = 0; i < n; i++) {
                runtime.startProcessInstanceByKey(key);
              }
            });
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
