package cn.shequflow.deployment;

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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 17 item 4: an analyst changes processes/reception.bpmn while cases run on it, the admin redeploys (a new
 * version; running cases stay on theirs), checks the dry run's report and migrates them
 * (POST /api/admin/models/migrate). A compatible change (new labels) migrates every case, and they go on and close on
 * the new version; an unsafe one (the waiting task's id changed) is refused with the report, nothing migrated. Its own
 * app and database, so the shared test engine never sees these versions.
 */
@org.junit.jupiter.api.Tag("own-app") // an app of its own in this JVM: run apart (pom, own-app executions)
class InstanceMigrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MIGRATE = "/api/admin/models/migrate?key=reception";

  @TempDir Path models;

  private RuntimeService runtime;
  private TaskService tasks;
  private Organisation organisation;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("issue 17 item 4 接待流程改版：试运行报告 → 迁移到新版本后事项继续并办结；不兼容的改动被拒绝，什么都不迁移；仅管理员可用")
  void receptionChanged_dryRunThenMigrate_casesGoOnInTheNewVersion_unsafeChangeRefused() throws Exception {
    copyModels();
    try (OwnTestApp app = OwnTestApp.start("upgradetest", append(TestDatabase.appArgs("upgrade_test"),
        "--shequ.models.root=" + models))) {
      runtime = app.bean(RuntimeService.class);
      tasks = app.bean(TaskService.class);
      organisation = app.bean(Organisation.class);
      ManagementService management = app.bean(ManagementService.class);
      setClock(shanghai(2026, 9, 30, 10, 0));
      ProcessDefinition v1 = latestReception(app);

      // cases running on version 1: a letter at its first task, a call waiting for the promised reply, a proxy case
      ProcessInstance letter = start("letter");
      ProcessInstance visit = start("visit");
      ProcessInstance call = start("phone");
      tasks.complete(task(call).getId(), Map.of("outcome", "replyLater", "promisedReplyDate", "2026-10-08"));
      Map<String, Object> proxyInput = ReceptionInput.of("visit");
      proxyInput.put("category", "senior-allowance");
      ProcessInstance proxy = organisation.runAs("zhangwei",
          () -> runtime.startProcessInstanceByKey("reception", proxyInput));
      tasks.complete(task(proxy).getId(), Map.of("outcome", "proxyService"));
      Date reminder = management.createJobQuery().processInstanceId(letter.getId())
          .activityId("BoundaryEvent_HandleReminder").singleResult().getDuedate();

      JsonNode nothing = json(app.post(MIGRATE, "demo"), 200);
      assertThat(nothing.get("summary").asText()).contains("无需迁移");
      assertThat(nothing.get("versions")).isEmpty();

      // the analyst's compatible change: two steps get new labels
      change(s -> s.replace("name=\"受理并答复居民\"", "name=\"受理并答复居民（第二版）\"")
          .replace("name=\"按承诺时限答复居民\"", "name=\"按承诺时限答复居民（第二版）\""));
      assertThat(json(app.post("/api/admin/models/redeploy", "demo"), 200).get("deployed").toString())
          .contains("processes/reception.bpmn");
      ProcessDefinition v2 = latestReception(app);
      assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
      // as before this issue: a new version alone moves no running case
      assertThat(definitionOf(letter, visit, call, proxy)).containsOnly(v1.getId());

      // the attacks: only administrators, and only with a well-formed key of a deployed process
      assertRefused(app.post(MIGRATE, "zhangwei"), 403, "仅系统管理员可以迁移运行中的事项");
      assertRefused(app.post(MIGRATE + "&dryRun=false", "liuyang"), 403, "仅系统管理员可以迁移运行中的事项");
      assertThat(app.post(MIGRATE, null).statusCode()).isEqualTo(401);
      assertRefused(app.post("/api/admin/models/migrate?key=no-such-process", "demo"), 404, "没有流程标识为");
      assertRefused(app.post("/api/admin/models/migrate?key=%3Cscript%3E", "demo"), 400, "流程标识");
      assertRefused(app.post("/api/admin/models/migrate", "demo"), 400, "key=reception");
      assertRefused(app.post(MIGRATE + "&dryRun=maybe", "demo"), 400, "dryRun 只能是");
      assertThat(definitionOf(letter, visit, call, proxy)).containsOnly(v1.getId());

      // the dry run (the default) reports and changes nothing
      JsonNode dryRun = json(app.post(MIGRATE, "demo"), 200);
      assertThat(dryRun.get("dryRun").asBoolean()).isTrue();
      assertThat(dryRun.get("safe").asBoolean()).isTrue();
      assertThat(dryRun.get("migrated").asLong()).isZero();
      assertThat(dryRun.get("targetVersion").asInt()).isEqualTo(v2.getVersion());
      assertThat(dryRun.get("summary").asText()).contains("试运行").contains("4 件").contains("dryRun=false");
      JsonNode fromV1 = dryRun.get("versions").get(0);
      assertThat(fromV1.get("version").asInt()).isEqualTo(v1.getVersion());
      assertThat(fromV1.get("running").asLong()).isEqualTo(4);
      assertThat(fromV1.get("mapped").toString()).contains("Task_HandleMatter（受理并答复居民）：2 件",
          "Task_ReplyToResident（按承诺时限答复居民）：1 件", "CallActivity_Proxy（代办服务）：1 件");
      assertThat(fromV1.get("unmapped")).isEmpty();
      assertThat(definitionOf(letter, visit, call, proxy)).containsOnly(v1.getId());

      JsonNode migrated = json(app.post(MIGRATE + "&dryRun=false", "demo"), 200);
      assertThat(migrated.get("migrated").asLong()).isEqualTo(4);
      assertThat(migrated.get("versions").get(0).get("migrated").asLong()).isEqualTo(4);
      assertThat(migrated.get("summary").asText()).isEqualTo("已把 4 件运行中的事项迁移到第 " + v2.getVersion() + " 版。");
      assertThat(definitionOf(letter, visit, call, proxy)).containsOnly(v2.getId());

      // on version 2 the cases go on: the next step is version 2's, the letter's timers kept their dates and fire
      tasks.complete(task(visit).getId(), Map.of("outcome", "replyLater", "promisedReplyDate", "2026-10-08"));
      assertThat(task(visit).getName()).isEqualTo("按承诺时限答复居民（第二版）");
      tasks.complete(task(visit).getId(), Map.of("answer", "已电话答复", "replyMethod", "phone"));
      tasks.complete(task(call).getId(), Map.of("answer", "已电话答复", "replyMethod", "phone"));
      assertThat(management.createJobQuery().processInstanceId(letter.getId())
          .activityId("BoundaryEvent_HandleReminder").singleResult().getDuedate()).isEqualTo(reminder);
      setClock(reminder);
      assertThat(EngineTestSupport.fireDueTimers(management, letter.getId())).isEqualTo(1);
      assertThat(tasks.getVariableLocal(task(letter).getId(), "deadlineState")).isEqualTo("dueSoon");
      tasks.complete(task(letter).getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
      EngineTestSupport.runAsyncSteps(management);
      assertThat(runtime.createProcessInstanceQuery().processInstanceIds(java.util.Set.of(letter.getId(),
          visit.getId(), call.getId())).count()).isZero();
      assertThat(app.bean(JdbcTemplate.class).queryForList(
          "select outcome from case_record where case_number in (?, ?, ?) order by outcome", String.class,
          letter.getBusinessKey(), visit.getBusinessKey(), call.getBusinessKey()))
          .containsExactly("End_AnsweredOnSpot", "End_RepliedAsPromised", "End_RepliedAsPromised");

      // an unsafe change: the first task's id is changed, and a case of version 2 waits at it
      ProcessInstance waiting = start("letter");
      ProcessInstance replying = start("phone");
      tasks.complete(task(replying).getId(), Map.of("outcome", "replyLater", "promisedReplyDate",
          reminder.toInstant().atZone(EngineTestSupport.SHANGHAI).toLocalDate().toString())); // today
      change(s -> s.replace("Task_HandleMatter", "Task_AcceptMatter"));
      assertThat(json(app.post("/api/admin/models/redeploy", "demo"), 200).get("deployed").toString())
          .contains("processes/reception.bpmn");
      ProcessDefinition v3 = latestReception(app);

      JsonNode unsafe = json(app.post(MIGRATE, "demo"), 200);
      assertThat(unsafe.get("safe").asBoolean()).isFalse();
      assertThat(unsafe.get("summary").asText()).contains("不安全").contains("不迁移任何事项");
      JsonNode fromV2 = unsafe.get("versions").get(0);
      assertThat(fromV2.get("version").asInt()).isEqualTo(v2.getVersion());
      assertThat(fromV2.get("running").asLong()).isEqualTo(3);
      assertThat(fromV2.get("unmapped").toString())
          .contains("Task_HandleMatter（受理并答复居民（第二版））：1 件，新版本中没有同一标识的同类活动");
      assertThat(fromV2.get("mapped").toString()).contains("Task_ReplyToResident", "CallActivity_Proxy");
      assertThat(fromV2.get("problems").toString()).contains("拒绝迁移");

      HttpResponse<String> refused = app.post(MIGRATE + "&dryRun=false", "demo");
      JsonNode refusal = json(refused, 409);
      assertThat(refusal.get("migrated").asLong()).isZero();
      assertThat(refusal.get("summary").asText()).contains("已拒绝，未迁移任何事项");
      // all or nothing: the case that could have moved stays with the others on version 2
      assertThat(definitionOf(waiting, replying, proxy)).containsOnly(v2.getId()).doesNotContain(v3.getId());
      assertThat(task(waiting).getTaskDefinitionKey()).isEqualTo("Task_HandleMatter");

      assertThat(app.bean(JdbcTemplate.class).queryForList("select operation || ':' || outcome from audit_log "
          + "where action = 'MIGRATION' and actor = 'demo' and object_id = 'reception' order by id", String.class))
          .containsExactly("dryRun:success", "dryRun:success", "migrate:success", "dryRun:denied", "migrate:denied");
    }
  }

  private void copyModels() throws Exception {
    for (String folder : ModelSource.FOLDERS) {
      Path from = Path.of(folder);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path to = models.resolve(file.toString());
          Files.createDirectories(to.getParent());
          Files.copy(file, to);
        }
      }
    }
  }

  /** Edits the copy of processes/reception.bpmn the app deploys from, as the analyst would in the Modeler. */
  private void change(java.util.function.UnaryOperator<String> edit) throws Exception {
    Path bpmn = models.resolve("processes").resolve("reception.bpmn");
    String before = Files.readString(bpmn, StandardCharsets.UTF_8);
    String after = edit.apply(before);
    assertThat(after).isNotEqualTo(before);
    Files.writeString(bpmn, after, StandardCharsets.UTF_8);
  }

  private static ProcessDefinition latestReception(OwnTestApp app) {
    return app.bean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey("reception")
        .latestVersion().singleResult();
  }

  private ProcessInstance start(String channel) {
    return organisation.runAs("zhangwei",
        () -> runtime.startProcessInstanceByKey("reception", ReceptionInput.of(channel)));
  }

  private Task task(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private List<String> definitionOf(ProcessInstance... instances) {
    return Stream.of(instances).map(i -> runtime.createProcessInstanceQuery().processInstanceId(i.getId())
        .singleResult().getProcessDefinitionId()).toList();
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static void assertRefused(HttpResponse<String> response, int status, String message) throws Exception {
    assertThat(json(response, status).get("message").asText()).contains(message);
  }

  private static String[] append(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }
}
