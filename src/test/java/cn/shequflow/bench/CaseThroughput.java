package cn.shequflow.bench;

import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.task.Task;

/**
 * Part (a): the reception case answered on the spot — over REST as the client does it (start, find the task,
 * complete), in-process (RuntimeService/TaskService with the worker logged in) — against a bare engine's case of the
 * same shape on the same server, at 1, 2 and 4 threads; statements and commits per case counted on the server.
 */
final class CaseThroughput {

  interface Variant {
    void run(int n) throws Exception;
  }

  /** Completions that met the job executor firing the same task's timer (OptimisticLockingException), retried. */
  static final AtomicInteger CONFLICTS = new AtomicInteger();
  /** Completions that failed in the persistence layer for the same reason (a foreign key violation), retried. */
  static final AtomicInteger FAILURES = new AtomicInteger();

  private final BenchConfig config;
  private final BenchResults results;
  private final BenchDatabase database;

  CaseThroughput(BenchConfig config, BenchResults results, BenchDatabase database) {
    this.config = config;
    this.results = results;
    this.database = database;
  }

  /** The six start variables of DESIGN.md (receivedAt left to the default: now). */
  static Map<String, Object> startVariables(int n) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("channel", "visit");
    variables.put("residentName", "孙桂兰");
    variables.put("residentPhone", "13941400001");
    variables.put("category", "general-inquiry");
    variables.put("summary", "咨询社区活动室开放时间（压测 " + n + "）");
    variables.put("priorityGroup", "none");
    return variables;
  }

  static Map<String, Object> restVariables(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    return Map.of("variables", variables);
  }

  static Variant rest(AppInstance app) {
    return n -> {
      JsonNode started = AppInstance.read(app.basicJson("zhangwei", "POST",
          app.rest("/process-definition/key/reception/start"), restVariables(startVariables(n))));
      JsonNode tasks = AppInstance.read(app.basicJson("zhangwei", "GET",
          app.rest("/task?processInstanceId=" + started.path("id").asText()), null));
      String taskId = tasks.get(0).path("id").asText();
      for (int attempt = 1; ; attempt++) {
        HttpResponse<String> done = app.basicJson("zhangwei", "POST", app.rest("/task/" + taskId + "/complete"),
            restVariables(Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放")));
        if (done.statusCode() == 204) {
          return;
        }
        // the job executor firing the task's reminder timer at the same moment: the worker clicks again
        // 409 (OptimisticLockingException) or 500 (the boundary event's child execution still references the
        // execution being deleted: a foreign key violation)
        if (attempt < 5 && (done.statusCode() == 409 || done.statusCode() == 500)) {
          (done.statusCode() == 409 ? CONFLICTS : FAILURES).incrementAndGet();
          continue;
        }
        throw new IllegalStateException("complete: " + done.statusCode() + " " + done.body());
      }
    };
  }

  static Variant inProcess(AppInstance app) {
    Organisation organisation = app.bean(Organisation.class);
    RuntimeService runtime = app.engine().getRuntimeService();
    TaskService tasks = app.engine().getTaskService();
    return n -> organisation.runAs("zhangwei", () -> {
      var pi = runtime.startProcessInstanceByKey("reception", startVariables(n));
      Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
      for (int attempt = 1; ; attempt++) {
        try {
          tasks.complete(task.getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
          return null;
        } catch (OptimisticLockingException | ProcessEnginePersistenceException concurrentTimer) {
          if (attempt == 5) {
            throw concurrentTimer;
          }
          (concurrentTimer instanceof OptimisticLockingException ? CONFLICTS : FAILURES).incrementAndGet();
        }
      }
    });
  }

  /**
   * Wednesday 30 September 2026, 10:00 in Shanghai, a working day: a case answered on the spot in office hours, so
   * the reply deadline (today 17:00) is ahead, as at a real reception desk; after 17:00 on the real clock the overdue
   * timer would be due at once too. (The reminder, 09:00 of the due day, is due at once anyway: see the retries.)
   */
  static final java.util.Date OFFICE_HOURS = java.util.Date.from(java.time.LocalDateTime.of(2026, 9, 30, 10, 0)
      .atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

  void run(AppInstance app, String appDb, BareEngine bare, String bareDb) throws Exception {
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(OFFICE_HOURS);
    try {
      measure(app, appDb, bare, bareDb);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  private void measure(AppInstance app, String appDb, BareEngine bare, String bareDb) throws Exception {
    Map<String, Variant> variants = new LinkedHashMap<>();
    variants.put("app REST", rest(app));
    variants.put("app in-process", inProcess(app));
    variants.put("bare in-process", bare::runCase);
    AtomicInteger numbers = new AtomicInteger();
    for (Variant variant : variants.values()) {
      for (int i = 0; i < config.warmup(); i++) {
        variant.run(numbers.incrementAndGet());
      }
    }
    String db = database.kind;
    for (int threads : config.threads()) {
      Map<String, List<Double>> rates = new LinkedHashMap<>();
      for (int round = 0; round < config.rounds(); round++) {
        // the variants take turns within a round, so a disturbance of the shared machine hits all of them
        for (Map.Entry<String, Variant> variant : variants.entrySet()) {
          rates.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
              .add(rate(variant.getValue(), threads, config.cases(), numbers));
        }
      }
      rates.forEach((name, samples) -> results.add(db, "a", name + " cases/s @" + threads + " threads",
          BenchResults.median(samples), "cases/s", "median of " + samples.size() + " rounds of " + config.cases()
              + " cases; rounds " + samples));
      double bareRate = BenchResults.median(rates.get("bare in-process"));
      results.add(db, "a", "ratio app REST / bare @" + threads + " threads",
          BenchResults.median(rates.get("app REST")) / bareRate, "×", null);
      results.add(db, "a", "ratio app in-process / bare @" + threads + " threads",
          BenchResults.median(rates.get("app in-process")) / bareRate, "×", null);
    }
    results.add(db, "a", "completions retried after OptimisticLockingException", CONFLICTS.getAndSet(0), "",
        "the job executor fired the task's reminder timer while the worker completed it (REST 409)");
    results.add(db, "a", "completions retried after a persistence error (500)", FAILURES.getAndSet(0), "",
        "the same race ending in a foreign key violation on ACT_RU_EXECUTION (REST 500)");
    if (database.counts()) {
      count(app, appDb, "app REST", variants.get("app REST"), numbers);
      count(app, appDb, "app in-process", variants.get("app in-process"), numbers);
      count(app, bareDb, "bare in-process", variants.get("bare in-process"), numbers);
    }
  }

  /** Cases per second of {@code cases} cases shared by {@code threads} threads. */
  private static double rate(Variant variant, int threads, int cases, AtomicInteger numbers) throws Exception {
    AtomicInteger left = new AtomicInteger(cases);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long started = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (left.getAndDecrement() > 0) {
            variant.run(numbers.incrementAndGet());
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return cases / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Statements, rows written and commits per case, from pg_stat_statements and pg_stat_database of the variant's own
   * database, over {@code countedCases} cases on one thread, with the app's job executor paused (its idle acquisition
   * polls would be counted too); the counters are read after 11 s, when every backend has flushed its statistics.
   */
  /** The statements a case ran at least once on average, most frequent first: where the case's cost lies. */
  private void breakdown(String name, java.util.Map<String, Long> before, java.util.Map<String, Long> after,
      int cases) {
    after.entrySet().stream()
        .map(e -> java.util.Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) cases))
        .filter(e -> e.getValue() >= 0.5)
        .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> results.add(database.kind, "a", name + " statement per case: "
            + e.getKey().substring(0, Math.min(150, e.getKey().length())), e.getValue(), "calls", null));
  }

  private void count(AppInstance app, String db, String name, Variant variant, AtomicInteger numbers)
      throws Exception {
    JobExecutor jobExecutor = app.configuration().getJobExecutor();
    boolean wasActive = jobExecutor.isActive();
    if (wasActive) {
      jobExecutor.shutdown();
    }
    try {
      Thread.sleep(11_000);
      BenchDatabase.Counters before = database.counters(db);
      java.util.Map<String, Long> callsBefore = database.callsByStatement(db);
      int cases = config.countedCases();
      for (int i = 0; i < cases; i++) {
        variant.run(numbers.incrementAndGet());
      }
      Thread.sleep(11_000);
      BenchDatabase.Counters spent = database.counters(db).minus(before);
      breakdown(name, callsBefore, database.callsByStatement(db), cases);
      String how = "server-side, database " + db + ", " + cases + " cases: pg_stat_statements calls";
      results.add(database.kind, "a", name + " statements per case", (double) spent.statements() / cases,
          "statements", how + " (not BEGIN/COMMIT/SET/SHOW)");
      results.add(database.kind, "a", name + " rows written per case", (double) spent.rowsWritten() / cases, "rows",
          "pg_stat_statements rows of INSERT/UPDATE/DELETE");
      results.add(database.kind, "a", name + " commits per case", (double) spent.xactCommit() / cases,
          "transactions", "pg_stat_database.xact_commit (every committed transaction, read-only ones too)");
    } finally {
      if (wasActive) {
        jobExecutor.start();
      }
    }
  }
}
