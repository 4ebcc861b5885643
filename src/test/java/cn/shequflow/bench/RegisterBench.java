package cn.shequflow.bench;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Part (f), issue 14: a large community's year of the case register — {@code bench.registerRows} rows (50,000) over
 * 10 grids, written straight into case_register (the register is a table the cases keep; building 50,000 real cases
 * is part a's business) — then, over HTTP as the users call it, the register search (p50/p95 per query) and the
 * .xlsx export of every row as the manager: its time, and the heap it needs beyond the idle app's.
 *
 * <p>Heap: the live heap during the export is sampled by a second thread that forces a full GC every 200 ms (a
 * separate, untimed export), minus the heap after GC before it; the timed exports run without that.
 */
final class RegisterBench {

  private static final String PREFIX = "BR-";
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final int GRIDS = 10;
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"};
  private static final String[] GIVEN = {"桂兰", "秀英", "建国", "志强", "海燕", "丽娟", "德明", "玉芬", "国庆", "淑珍",
      "春生", "晓东", "凤霞", "宝山", "金花"};
  private static final String[][] CATEGORIES = {{"general-inquiry", "一般咨询"}, {"subsistence-allowance", "低保申请"},
      {"household-registration", "户籍证明"}, {"elderly-care", "养老服务"}, {"environment", "环境卫生"},
      {"neighbour-dispute", "邻里纠纷"}};
  private static final String[] CHANNELS = {"visit", "phone", "letter", "email", "online"};
  private static final String[] KINDS = {"reception", "reception", "reception", "proxy-service", "complaint"};
  private static final String[] RATINGS = {"satisfied", "satisfied", "basicallySatisfied", "dissatisfied"};

  private final BenchConfig config;
  private final BenchResults results;
  private final String kind;

  RegisterBench(BenchConfig config, BenchResults results, String kind) {
    this.config = config;
    this.results = results;
    this.kind = kind;
  }

  void run(AppInstance app) throws Exception {
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
    long started = System.nanoTime();
    int rows = fill(jdbc, config.registerRows());
    results.add(kind, "f", "register rows written (" + GRIDS + " grids)", rows, "rows",
        (System.nanoTime() - started) / 1_000_000_000 + " s, JDBC batches; table holds "
            + jdbc.queryForObject("select count(*) from case_register", Long.class));
    search(app, jdbc);
    kpi(app);
    export(app, jdbc);
  }

  /** GET /api/kpi for the year before today (every row), as liuyang and as zhangwei (one grid): p50 and p95. */
  private void kpi(AppInstance app) throws Exception {
    LocalDate today = LocalDate.now(SHANGHAI);
    String path = "/api/kpi?from=" + today.minusYears(1) + "&to=" + today;
    for (String user : new String[] {"liuyang", "zhangwei"}) {
      List<Double> millis = new ArrayList<>();
      long received = -1;
      for (int i = 0; i < config.callWarmup() + config.calls(); i++) {
        long started = System.nanoTime();
        HttpResponse<String> answer = app.basic(user, "GET", path, null, null);
        double elapsed = (System.nanoTime() - started) / 1e6;
        received = AppInstance.read(answer).path("total").path("received").asLong(-1);
        if (i >= config.callWarmup()) {
          millis.add(elapsed);
        }
      }
      String note = "n=" + millis.size() + " after " + config.callWarmup() + " warm-up; GET " + path + " → received "
          + received;
      results.add(kind, "f", user + ": a year's KPIs p50", BenchResults.quantile(millis, 0.5), "ms", note);
      results.add(kind, "f", user + ": a year's KPIs p95", BenchResults.quantile(millis, 0.95), "ms",
          "target ≤ 500 ms");
    }
  }

  /** Replaces the benchmark's rows (BR-…) with new ones spread over the year before now. */
  static int fill(JdbcTemplate jdbc, int rows) {
    jdbc.update("delete from case_register where case_number like ?", PREFIX + "%");
    Instant now = Instant.now();
    long yearSeconds = Duration.ofDays(365).toSeconds();
    List<Object[]> batch = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int grid = i % GRIDS + 1;
      String worker = grid == 1 ? "zhangwei" : grid == 2 ? "lina" : grid == 3 ? "wangfang" : "worker-" + grid;
      Instant received = now.minusSeconds(yearSeconds * (rows - i) / rows);
      boolean closed = i % 7 != 0;
      boolean escalated = i % 33 == 0;
      String[] category = CATEGORIES[i % CATEGORIES.length];
      String rating = closed && i % 5 < 3 ? RATINGS[i % RATINGS.length] : null;
      batch.add(new Object[] {String.format("%s%06d", PREFIX, i), KINDS[i % KINDS.length], "bench-" + i,
          CHANNELS[i % CHANNELS.length], category[0], category[1],
          SURNAMES[i % SURNAMES.length] + GIVEN[(i / SURNAMES.length) % GIVEN.length] + (i % 97),
          String.format("139%08d", i), "grid-" + grid, worker, worker, escalated && !closed ? "street-office" : worker,
          escalated && !closed ? "街道办事处" : worker, ts(received), ts(received.plus(Duration.ofHours(24))),
          closed || i % 2 == 0 ? ts(received.plus(Duration.ofHours(3))) : null,
          ts(received.plus(Duration.ofDays(5))), closed ? ts(received.plus(Duration.ofDays(2))) : null,
          closed ? "closed" : "open", closed ? "End_AnsweredOnSpot" : null, closed ? "当场答复，办结" : null, rating,
          rating == null ? null : ts(received.plus(Duration.ofDays(3))), escalated, ts(now)});
      if (batch.size() == 1000 || i == rows - 1) {
        jdbc.batchUpdate("""
            insert into case_register (case_number, kind, process_instance_id, channel, category, category_name,
              resident_name, resident_phone, grid, first_responder, first_responder_name, holder, holder_name,
              received_at, first_response_due_at, first_response_at, due_at, closed_at, status, outcome,
              outcome_label, rating, rated_at, escalated_to_street, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
        batch.clear();
      }
    }
    return rows;
  }

  /** GET /api/cases as each role searches: p50 and p95 per query after the warm-up. */
  private void search(AppInstance app, JdbcTemplate jdbc) throws Exception {
    String name = jdbc.queryForObject("select resident_name from case_register where case_number = ?", String.class,
        PREFIX + "000010"); // grid-1
    LocalDate today = LocalDate.now(SHANGHAI);
    String[][] queries = {
        {"zhangwei", "本网格最新一页", ""},
        {"zhangwei", "按居民姓名", "q=" + encode(name)},
        {"zhangwei", "按电话后四位", "q=0010"},
        {"zhangwei", "按事项编号", "q=" + PREFIX + "000010"},
        {"liuyang", "全社区最新一页", ""},
        {"liuyang", "按居民姓名", "q=" + encode(name)},
        {"liuyang", "一个网格一个月办理中", "grid=grid-5&status=open&from=" + today.minusMonths(1) + "&to=" + today},
        {"liuyang", "一个类别一年、第 50 页", "category=environment&from=" + today.minusYears(1) + "&to=" + today
            + "&page=50"},
        {"chenjing", "上报街道的事项", ""}};
    for (String[] query : queries) {
      String path = "/api/cases?" + query[2];
      List<Double> millis = new ArrayList<>();
      long total = -1;
      for (int i = 0; i < config.callWarmup() + config.calls(); i++) {
        long started = System.nanoTime();
        HttpResponse<String> answer = app.basic(query[0], "GET", path, null, null);
        double elapsed = (System.nanoTime() - started) / 1e6;
        total = AppInstance.read(answer).get("total").asLong();
        if (i >= config.callWarmup()) {
          millis.add(elapsed);
        }
      }
      String note = "n=" + millis.size() + " after " + config.callWarmup() + " warm-up; GET " + path + " → total "
          + total;
      results.add(kind, "f", query[0] + ": register search " + query[1] + " p50", BenchResults.quantile(millis, 0.5),
          "ms", note);
      results.add(kind, "f", query[0] + ": register search " + query[1] + " p95", BenchResults.quantile(millis, 0.95),
          "ms", "target ≤ 100 ms");
    }
  }

  /** GET /api/cases/export as liuyang (every row): time and heap beyond idle; the file goes to disk, not memory. */
  private void export(AppInstance app, JdbcTemplate jdbc) throws Exception {
    Path file = config.outDir().resolve("register-export.xlsx");
    Files.createDirectories(file.getParent());
    download(app, file); // warm-up
    double idle = StartUp.heapAfterGcMb();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong peakLive = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        peakLive.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.start();
    download(app, file);
    running.set(false);
    sampler.join();
    double beyond = peakLive.get() / 1024.0 / 1024.0 - idle;

    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long started = System.nanoTime();
      download(app, file);
      seconds.add((System.nanoTime() - started) / 1e9);
    }
    String detail = jdbc.queryForObject("select detail from audit_log where actor = 'liuyang' and action = 'EXPORT' "
        + "order by id desc limit 1", String.class);
    results.add(kind, "f", "liuyang: export every register row (.xlsx) median", BenchResults.median(seconds), "s",
        "of " + seconds + " after 1 warm-up; " + Files.size(file) / 1024 + " KB; audit: " + detail
            + "; target ≤ 10 s");
    results.add(kind, "f", "liuyang: export heap beyond idle (live, forced GC every 200 ms)", beyond, "MB",
        String.format("peak live %.1f MB − idle after GC %.1f MB; target ≤ 300 MB", peakLive.get() / 1024.0 / 1024.0,
            idle));
  }

  private static void download(AppInstance app, Path file) throws Exception {
    HttpResponse<Path> answer = app.http.send(HttpRequest.newBuilder(app.uri("/api/cases/export"))
        .timeout(Duration.ofMinutes(10))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("liuyang:demo".getBytes(StandardCharsets.UTF_8))).GET().build(),
        HttpResponse.BodyHandlers.ofFile(file));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("export answered " + answer.statusCode() + ": " + Files.readString(file));
    }
  }

  private static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
