package cn.shequflow.bench;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.organisation.TaskFilterProvisioner;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Part (b): the data of a large community, built with the app's own paths (household import over HTTP, the monthly
 * visit plan over HTTP, reception cases reported upward and left overdue until the managers supervise them), then
 * the calls Tasklist 7.24 makes, timed over HTTP with a logged-in session, as a grid worker and as a manager.
 */
final class TasklistLatency {

  static final String[] OTHER_GRIDS = {"grid-2", "grid-3"};
  /** Times the build moved the clock to a failed job's retry (a mail job that found no connection, issue 11 item 4). */
  static final java.util.concurrent.atomic.AtomicInteger RETRIED_JOBS = new java.util.concurrent.atomic.AtomicInteger();

  private final BenchConfig config;
  private final BenchResults results;
  private final BenchDatabase database;

  TasklistLatency(BenchConfig config, BenchResults results, BenchDatabase database) {
    this.config = config;
    this.results = results;
    this.database = database;
  }

  /** The households of a registry as the community uploads it (DemoHouseholds' CSV columns), gridTasks in grid-1. */
  static byte[] householdsCsv(int total, int inGrid1, String prefix) {
    StringBuilder csv = new StringBuilder(total * 90);
    csv.append("户编号,网格,地址,户主姓名,联系电话,微信,QQ,家庭人口,特殊类型\n");
    for (int i = 0; i < total; i++) {
      String grid = i < inGrid1 ? "grid-1" : OTHER_GRIDS[(i - inGrid1) % 2];
      // one in five is an elderly household: visited monthly; the others yearly (one open visit each either way)
      String types = i % 5 == 0 ? "高龄老人" : "";
      csv.append(prefix).append(String.format("%07d", i)).append(',').append(grid).append(',')
          .append("本溪市平山区崔东街道压测").append(prefix).append("路").append(i / 1000 + 1).append("号楼")
          .append(i % 1000 + 1).append("室,")
          .append("压测居民").append(',').append(prefix.equals("BH") ? "139" : "138").append(String.format("%08d", i))
          .append(",,,")
          .append(1 + i % 5).append(',').append(types).append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** multipart/form-data with one file field, as a browser uploads the sheet. */
  static byte[] multipart(String boundary, String fileName, byte[] content) {
    ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/csv\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  /** Imports the households over HTTP as the manager and plans the month; returns the two answers' times (ms). */
  static long[] importAndPlan(AppInstance app, byte[] csv, YearMonth month) throws Exception {
    String boundary = "bench" + UUID.randomUUID();
    long started = System.nanoTime();
    JsonNode imported = AppInstance.read(app.basic("liuyang", "POST", "/api/households/import?wait=true",
        "multipart/form-data; boundary=" + boundary, multipart(boundary, "压测户籍.csv", csv)));
    long importMillis = (System.nanoTime() - started) / 1_000_000;
    if (!imported.path("ok").asBoolean()) {
      throw new IllegalStateException("import refused: " + imported);
    }
    started = System.nanoTime();
    AppInstance.read(app.basic("liuyang", "POST", "/api/visits/plan?month=" + month, null, null));
    long planMillis = (System.nanoTime() - started) / 1_000_000;
    return new long[] {importMillis, planMillis};
  }

  void build(AppInstance app) throws Exception {
    String db = database.kind;
    String signature = config.openTasks() + "/" + config.gridTasks() + "/" + config.supervisionTasks() + "/"
        + config.historyRows();
    if (signature.equals(marker(app))) {
      results.add(db, "b", "data built", 0, "s", "kept from an earlier run (" + signature + ")");
      topUpGridCases(app);
      return;
    }
    long started = System.nanoTime();
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
    long[] times = importAndPlan(app, householdsCsv(config.openTasks(), config.gridTasks(), "BH"), month);
    results.add(db, "b", "build: import " + config.openTasks() + " households", times[0] / 1000.0, "s", null);
    results.add(db, "b", "build: visit plan (one open visit each)", times[1] / 1000.0, "s", null);
    long t = System.nanoTime();
    supervision(app, config.supervisionTasks());
    results.add(db, "b", "build: " + config.supervisionTasks() + " overdue supervision tasks", (System.nanoTime() - t)
        / 1e9, "s", "reception → 上报街道 → clock past the deadline → timers fired by the job executor");
    results.add(db, "b", "build: clock moved to a failed job's retry", RETRIED_JOBS.getAndSet(0), "times",
        "jobs (mails) failed during the build and waited for their retry");
    t = System.nanoTime();
    topUpGridCases(app);
    int extra = topUpHistory(app);
    results.add(db, "b", "build: reception cases added for history", extra, "cases",
        (System.nanoTime() - t) / 1e9 + " s");
    results.add(db, "b", "data built", (System.nanoTime() - started) / 1e9, "s", null);
    try (Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl, database.user(), database.password());
        Statement s = c.createStatement()) {
      s.execute("create table if not exists bench_build (name varchar(50) primary key, signature varchar(200))");
      s.execute("delete from bench_build");
      s.execute("insert into bench_build values ('tasklist', '" + signature + "')");
    }
  }

  private String marker(AppInstance app) {
    try (Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl, database.user(), database.password());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select signature from bench_build where name = 'tasklist'")) {
      return r.next() ? r.getString(1) : null;
    } catch (Exception noneYet) {
      return null;
    }
  }

  /**
   * Reception cases reported upward to the street office, the engine clock moved past their reply deadline, the
   * job executor left to fire the timers: each overdue escalation puts a 督办上报逾期 task in the managers' list.
   */
  static void supervision(AppInstance app, int count) throws Exception {
    Organisation organisation = app.bean(Organisation.class);
    RuntimeService runtime = app.engine().getRuntimeService();
    TaskService tasks = app.engine().getTaskService();
    long before = tasks.createTaskQuery().taskDefinitionKey("Task_SuperviseEscalation").count();
    Date latestDue = new Date();
    for (int i = 0; i < count; i++) {
      Map<String, Object> input = new HashMap<>();
      input.put("channel", "email");
      input.put("residentName", "压测居民");
      input.put("residentPhone", "13941400001");
      input.put("residentEmail", "resident" + i + "@resident.example");
      input.put("category", "subsistence-allowance");
      input.put("summary", "家中困难，申请帮助（压测 " + i + "）");
      input.put("priorityGroup", "none");
      String id = organisation.runAs("zhangwei", () -> runtime.startProcessInstanceByKey("reception", input).getId());
      Task handle = tasks.createTaskQuery().processInstanceId(id).singleResult();
      organisation.runAs("zhangwei", () -> {
        tasks.complete(handle.getId(), Map.of("outcome", "reportUpward", "reportReason", "需街道审核",
            "escalationTarget", "street-office"));
        return null;
      });
      var escalation = runtime.createProcessInstanceQuery().superProcessInstanceId(id).singleResult();
      Date due = (Date) runtime.getVariable(escalation.getId(), "unitReplyDueAt");
      if (due.after(latestDue)) {
        latestDue = due;
      }
    }
    ManagementService management = app.engine().getManagementService();
    long horizon = latestDue.getTime() + 86_400_000L;
    ClockUtil.setCurrentTime(new Date(latestDue.getTime() + 3_600_000));
    try {
      long deadline = System.nanoTime() + 3_600_000_000_000L;
      while (tasks.createTaskQuery().taskDefinitionKey("Task_SuperviseEscalation").count() < before + count
          || management.createJobQuery().messages().withRetriesLeft().count() > 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("supervision tasks did not appear within an hour");
        }
        Thread.sleep(1000);
        // a job that failed waits for its retry (R5/PT10M): let those ten minutes pass on the engine clock
        if (management.createJobQuery().executable().count() == 0) {
          var waiting = management.createJobQuery().withRetriesLeft().orderByJobDuedate().asc().list().stream()
              .map(org.camunda.bpm.engine.runtime.Job::getDuedate).filter(d -> d != null
                  && d.after(ClockUtil.getCurrentTime()) && d.getTime() < horizon)
              .findFirst();
          if (waiting.isPresent()) {
            RETRIED_JOBS.incrementAndGet();
            ClockUtil.setCurrentTime(new Date(waiting.get().getTime() + 1000));
          }
        }
      }
    } finally {
      ClockUtil.reset();
    }
  }

  /** Reception cases answered on the spot until the history tables hold historyRows rows. */
  /**
   * Open cases in grid-1 besides its home visits, so that 本网格待办 (the case processes only) lists a real page: letters
   * taken in by zhangwei and not yet answered (reply in 3 working days), added up to {@code bench.gridCases}.
   */
  private void topUpGridCases(AppInstance app) {
    Organisation organisation = app.bean(Organisation.class);
    RuntimeService runtime = app.engine().getRuntimeService();
    TaskService tasks = app.engine().getTaskService();
    long t = System.nanoTime();
    long open = tasks.createTaskQuery().processDefinitionKey("reception").taskCandidateGroup("grid-1")
        .includeAssignedTasks().count();
    int added = 0;
    for (long i = open; i < config.gridCases(); i++, added++) {
      Map<String, Object> input = CaseThroughput.startVariables((int) i);
      input.put("channel", "letter");
      input.put("summary", "来信反映楼道照明损坏（压测 " + i + "）");
      organisation.runAs("zhangwei", () -> runtime.startProcessInstanceByKey("reception", input));
    }
    results.add(database.kind, "b", "build: open letters added in grid-1", added, "cases",
        (System.nanoTime() - t) / 1e9 + " s");
  }

  private int topUpHistory(AppInstance app) throws Exception {
    CaseThroughput.Variant inProcess = CaseThroughput.inProcess(app);
    int added = 0;
    long rows;
    while ((rows = historyRows(app)) < config.historyRows()) {
      long missing = config.historyRows() - rows;
      int batch = (int) Math.max(20, Math.min(2000, missing / 40));
      for (int i = 0; i < batch; i++) {
        inProcess.run(added++);
      }
    }
    return added;
  }

  Map<String, Long> sizes(AppInstance app) throws Exception {
    Map<String, Long> sizes = new LinkedHashMap<>();
    TaskService tasks = app.engine().getTaskService();
    sizes.put("open tasks", tasks.createTaskQuery().count());
    sizes.put("open tasks in grid-1", tasks.createTaskQuery().taskCandidateGroup("grid-1").includeAssignedTasks()
        .count());
    sizes.put("open case tasks in grid-1 (本网格待办)", tasks.createTaskQuery().taskCandidateGroup("grid-1")
        .includeAssignedTasks().processDefinitionKeyIn(TaskFilterProvisioner.CASE_PROCESSES).count());
    sizes.put("open tasks for managers", tasks.createTaskQuery().taskCandidateGroup("managers").count());
    sizes.put("history rows (ACT_HI_*)", historyRows(app));
    try (Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl, database.user(), database.password());
        Statement s = c.createStatement()) {
      sizes.put("authorization rows (ACT_RU_AUTHORIZATION)", single(s, "select count(*) from ACT_RU_AUTHORIZATION"));
      sizes.put("task grants (resource type 7)",
          single(s, "select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_TYPE_ = 7"));
      sizes.put("grants of managers", single(s, "select count(*) from ACT_RU_AUTHORIZATION where GROUP_ID_ = 'managers'"));
      if ("postgres".equals(database.kind)) {
        sizes.put("database size (bytes)", single(s, "select pg_database_size(current_database())"));
      }
    }
    return sizes;
  }

  static long historyRows(AppInstance app) throws Exception {
    try (Connection c = java.sql.DriverManager.getConnection(app.jdbcUrl,
        app.context.getEnvironment().getProperty("spring.datasource.username"),
        app.context.getEnvironment().getProperty("spring.datasource.password"))) {
      DatabaseMetaData meta = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet r = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (r.next()) {
          String name = r.getString("TABLE_NAME");
          String schema = r.getString("TABLE_SCHEM");
          if (name.toUpperCase().startsWith("ACT_HI_") && (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA"))) {
            tables.add(name);
          }
        }
      }
      long rows = 0;
      try (Statement s = c.createStatement()) {
        for (String table : tables) {
          rows += single(s, "select count(*) from " + table);
        }
      }
      return rows;
    }
  }

  static long single(Statement s, String sql) throws Exception {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  /** A call of Tasklist, by the name the table shows. */
  record Call(String name, String method, String path, String body) {}

  static String listBody(String sortBy, String order) {
    // exactly what Tasklist 7.24's taskListQuery sends (searchQuery, paging, sorting, active)
    return "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"firstResult\":0,"
        + "\"maxResults\":15,\"sorting\":[{\"sortBy\":\"" + sortBy + "\",\"sortOrder\":\"" + order + "\"}],"
        + "\"active\":true}";
  }

  void measure(AppInstance app) throws Exception {
    sizes(app).forEach((name, value) -> results.add(database.kind, "b", "size: " + name, value, "", null));
    measureUser(app, "zhangwei", List.of("本网格待办"));
    measureUser(app, "liuyang", List.of("全社区待办", "逾期督办"));
  }

  private void measureUser(AppInstance app, String user, List<String> filterNames) throws Exception {
    AppInstance.TasklistSession session = app.tasklist(user);
    JsonNode filters = AppInstance.JSON.readTree(session.get(
        app.webapi("/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task")).body());
    List<Call> calls = new ArrayList<>();
    calls.add(new Call("open Tasklist: GET filter/count (itemCount=false)", "GET",
        app.webapi("/filter/count?itemCount=false&resourceType=Task"), null));
    calls.add(new Call("open Tasklist: GET filter list (itemCount=false, as 7.24)", "GET",
        app.webapi("/filter?firstResult=0&maxResults=2000&itemCount=false&resourceType=Task"), null));
    calls.add(new Call("filter list with every count (itemCount=true)", "GET",
        app.webapi("/filter?resourceType=Task&itemCount=true"), null));
    for (String filterName : filterNames) {
      String id = null;
      for (JsonNode filter : filters) {
        if (filterName.equals(filter.path("name").asText())) {
          id = filter.path("id").asText();
        }
      }
      if (id == null) {
        throw new IllegalStateException(user + " has no filter " + filterName + ": " + filters);
      }
      String list = app.webapi("/filter/" + id + "/list?firstResult=0&maxResults=15");
      calls.add(new Call(filterName + " page by created desc (Tasklist default)", "POST", list,
          listBody("created", "desc")));
      calls.add(new Call(filterName + " page by dueDate asc", "POST", list, listBody("dueDate", "asc")));
      calls.add(new Call(filterName + " count: GET filter/{id}/count", "GET", app.webapi("/filter/" + id + "/count"),
          null));
    }
    for (Call call : calls) {
      for (int i = 0; i < config.callWarmup(); i++) {
        send(session, call);
      }
      List<Double> millis = new ArrayList<>();
      long budgetEnd = System.nanoTime() + config.callBudgetSeconds() * 1_000_000_000L;
      String answer = "";
      while (millis.size() < config.calls() && (millis.size() < 5 || System.nanoTime() < budgetEnd)) {
        long started = System.nanoTime();
        answer = send(session, call);
        millis.add((System.nanoTime() - started) / 1e6);
      }
      String note = "n=" + millis.size() + " after " + config.callWarmup() + " warm-up; " + call.method() + " "
          + call.path() + "; answer " + summary(answer);
      results.add(database.kind, "b", user + ": " + call.name() + " p50", BenchResults.quantile(millis, 0.5), "ms",
          note);
      results.add(database.kind, "b", user + ": " + call.name() + " p95", BenchResults.quantile(millis, 0.95), "ms",
          null);
    }
  }

  private static String send(AppInstance.TasklistSession session, Call call) throws Exception {
    return "GET".equals(call.method()) ? session.get(call.path()).body() : session.post(call.path(), call.body()).body();
  }

  private static String summary(String answer) {
    try {
      JsonNode json = AppInstance.JSON.readTree(answer);
      if (json.has("count")) {
        return "count " + json.path("count").asLong() + (json.has("_embedded")
            ? ", " + json.path("_embedded").path("task").size() + " tasks" : "");
      }
      if (json.isArray()) {
        StringBuilder counts = new StringBuilder(json.size() + " filters");
        for (JsonNode filter : json) {
          if (filter.has("itemCount")) {
            counts.append(counts.indexOf(":") < 0 ? ": " : ", ").append(filter.path("name").asText()).append(' ')
                .append(filter.path("itemCount").asLong());
          }
        }
        return counts.toString();
      }
    } catch (Exception notJson) {
      // fall through
    }
    return answer.length() > 80 ? answer.substring(0, 80) + "…" : answer;
  }
}
