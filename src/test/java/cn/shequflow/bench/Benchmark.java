package cn.shequflow.bench;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the chosen parts on each chosen database and collects the figures. Databases per server: bench_app (the
 * app, parts a, b and f, start-up d), bench_bare (the bare engine of part a), bench_timers (c), bench_import (e); with
 * bench.isolate=false (the smoke run) the app's one database serves every part but the bare engine's.
 */
final class Benchmark {

  private final BenchConfig config;
  final BenchResults results = new BenchResults();

  Benchmark(BenchConfig config) {
    this.config = config;
  }

  BenchResults run() throws Exception {
    long started = System.nanoTime();
    for (String kind : config.databases()) {
      try (BenchDatabase database = BenchDatabase.open(kind, config)) {
        results.info(kind + ".version", database.version());
        results.info(kind + ".statementsCounted", database.counts()
            ? "pg_stat_statements (shared_preload_libraries) and pg_stat_database.xact_commit"
            : "not counted (no server-side statement statistics)");
        System.out.println("[bench] " + kind + ": " + database.version());
        runOn(database);
      }
    }
    results.info("totalSeconds", (System.nanoTime() - started) / 1e9);
    return results;
  }

  private void runOn(BenchDatabase database) throws Exception {
    String kind = database.kind;
    boolean appNeeded = config.runs("a") || config.runs("b") || config.runs("d") || config.runs("f")
        || !config.isolate() && (config.runs("c") || config.runs("e"));
    String appUrl = null;
    if (appNeeded) {
      appUrl = database.url("bench_app", config.keep());
      try (AppInstance app = AppInstance.start(appUrl, database.user(), database.password(), config.engineName())) {
        results.add(kind, "d", "in-process start of the app (this JVM)", app.startMillis / 1000.0, "s",
            "SpringApplication.run to ready, bench_app");
        if (config.runs("b")) {
          drain(app, kind);
          TasklistLatency tasklist = new TasklistLatency(config, results, database);
          tasklist.build(app);
          tasklist.measure(app);
        }
        if (config.runs("f")) {
          new RegisterBench(config, results, kind).run(app);
        }
        // after (b): part (a)'s cases leave reminder mails whose backlog starves the pool (issue 11 item 4)
        if (config.runs("a")) {
          // its own database even in the smoke run: the app's has the app's own history level
          String bareDb = "bench_bare";
          String bareUrl = database.url(bareDb, config.keep());
          try (BareEngine bare = new BareEngine(bareUrl, database.user(), database.password(), "bare" + kind)) {
            new CaseThroughput(config, results, database).run(app, "bench_app", bare, bareDb);
          }
        }
        if (!config.isolate()) {
          if (config.runs("c")) {
            new TimerBacklog(config, results, database).run(app);
          }
          if (config.runs("e")) {
            households(app, kind);
          }
          if (config.runs("d")) {
            results.add(kind, "d", "heap used after GC (this JVM, app inside)", StartUp.heapAfterGcMb(), "MB", null);
          }
        }
      }
    }
    if (config.runs("d") && config.isolate()) {
      List<Double> seconds = new ArrayList<>();
      List<Double> heap = new ArrayList<>();
      for (int i = 0; i < config.startups(); i++) {
        if (config.childStartup()) {
          StartUp.Measured measured = StartUp.child(appUrl, database.user(), database.password(),
              config.outDir().resolve("logs"));
          seconds.add(measured.seconds());
          heap.add(measured.heapMb());
        }
      }
      results.add(kind, "d", "start-up to ready (own JVM, data of part b)", BenchResults.median(seconds), "s",
          "median of " + seconds + "; JVM start to the first 200 of GET /engine-rest/process-definition/key/reception");
      results.add(kind, "d", "heap used after GC (own JVM)", BenchResults.median(heap), "MB",
          "median of " + heap + "; jcmd GC.run, then jstat -gc S0U+S1U+EU+OU");
    }
    if (config.isolate() && config.runs("c")) {
      try (AppInstance app = AppInstance.start(database.url("bench_timers", false), database.user(),
          database.password(), config.engineName())) {
        new TimerBacklog(config, results, database).run(app);
      }
    }
    if (config.isolate() && config.runs("e")) {
      try (AppInstance app = AppInstance.start(database.url("bench_import", false), database.user(),
          database.password(), config.engineName())) {
        households(app, kind);
      }
    }
  }

  /**
   * Lets the job executor finish what part (a)'s cases left (their reminder mails), so part (b) is not built and
   * measured during that backlog; how long it took is a figure of its own.
   */
  private void drain(AppInstance app, String kind) throws InterruptedException {
    var management = app.engine().getManagementService();
    long started = System.nanoTime();
    long left = executable(management);
    results.add(kind, "b", "jobs executable before the build", left, "jobs",
        "left by part (a) or an earlier run: reminder timers and their mails");
    long limit = started + 1_800_000_000_000L;
    while (left != 0 && System.nanoTime() < limit) {
      Thread.sleep(1000);
      left = executable(management);
    }
    results.add(kind, "b", "time for the job executor to work them off", (System.nanoTime() - started) / 1e9, "s",
        left + " left");
  }

  /** Executable jobs; -1 while the app's pool has no connection to spare (the mail jobs' starvation). */
  private static long executable(org.camunda.bpm.engine.ManagementService management) {
    try {
      return management.createJobQuery().executable().count();
    } catch (RuntimeException noConnection) {
      return -1;
    }
  }

  /** Part (e): the household import and the monthly visit plan over HTTP as the manager. */
  private void households(AppInstance app, String kind) throws Exception {
    byte[] csv = TasklistLatency.householdsCsv(config.households(), config.households() / 3, "HV");
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai")).plusMonths(1);
    long[] times = TasklistLatency.importAndPlan(app, csv, month);
    results.add(kind, "e", "import " + config.households() + " households (" + csv.length / 1024 + " KB CSV)",
        times[0] / 1000.0, "s", "POST /api/households/import?wait=true as liuyang");
    results.add(kind, "e", "monthly visit plan of " + config.households() + " households", times[1] / 1000.0, "s",
        "POST /api/visits/plan?month=" + month + " as liuyang: one home-visit case per household");
    results.add(kind, "e", "visit cases started per second", config.households() / (times[1] / 1000.0), "/s", null);
  }

  static Path write(BenchResults results, BenchConfig config) throws Exception {
    return results.write(config.outDir(), config);
  }
}
