package cn.shequflow.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Issue 13 item 2: the task cards' 剩余/已超期 N 个工作日, for tasks the caller may read only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskDeadlineTest {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-1 任务卡片：一封信的答复期限读作“剩余 N 个工作日”，过期后“已超期 N 个工作日”；他网格的任务不回答")
  void cardsShowWorkingDaysLeftOrLate_forReadableTasksOnly() throws Exception {
    ClockUtil.setCurrentTime(shanghai("2026-11-30T10:00")); // Monday
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getDueDate()).as("a letter: 3 working days").isEqualTo(shanghai("2026-12-03T17:00"));

    JsonNode mine = json.readTree(get(task.getId(), "zhangwei").getBody());
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).path("taskId").asText()).isEqualTo(task.getId());
    assertThat(mine.get(0).path("standing").asText()).isEqualTo("剩余 3 个工作日");
    assertThat(mine.get(0).path("overdue").asBoolean()).isFalse();

    ClockUtil.setCurrentTime(shanghai("2026-12-03T16:00"));
    assertThat(json.readTree(get(task.getId(), "zhangwei").getBody()).get(0).path("standing").asText())
        .isEqualTo("今日到期");
    // Monday 12-07: Friday 12-04 and Monday are late, the weekend in between does not count
    ClockUtil.setCurrentTime(shanghai("2026-12-07T10:00"));
    JsonNode late = json.readTree(get(task.getId(), "zhangwei").getBody());
    assertThat(late.get(0).path("standing").asText()).isEqualTo("已超期 2 个工作日");
    assertThat(late.get(0).path("overdue").asBoolean()).isTrue();

    assertThat(json.readTree(get(task.getId(), "lina").getBody())).as("another grid's task is left out").isEmpty();
    assertThat(get(task.getId(), null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> bad = get("x'; drop table act_ru_task;--", "zhangwei");
    assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(bad.getBody()).contains("任务编号格式不正确");
    assertThat(get("", "zhangwei").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  @DisplayName("R-4.2-1 issue 15 第 7 项：节假日安排尚未录入的年份，期限读作“剩余 N 个工作日（暂定）”")
  void provisionalYear_saysSo() throws Exception {
    ClockUtil.setCurrentTime(shanghai("2026-12-30T10:00")); // Wednesday; 2027 has no rows in the table
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getDueDate()).isEqualTo(shanghai("2027-01-05T17:00"));

    JsonNode row = json.readTree(get(task.getId(), "zhangwei").getBody()).get(0);
    // 12-31, (元旦 01-01 by the statute, the weekend), 01-04, 01-05
    assertThat(row.path("standing").asText()).isEqualTo("剩余 3 个工作日（暂定）");
    assertThat(row.path("provisional").asBoolean()).isTrue();
    assertThat(row.path("paused").asBoolean()).isFalse();
  }

  private ResponseEntity<String> get(String ids, String user) {
    HttpHeaders headers = new HttpHeaders();
    if (user != null) {
      headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    }
    return rest.exchange("/api/tasks/deadlines?ids={ids}", HttpMethod.GET, new HttpEntity<>(headers), String.class,
        ids);
  }

  private static Date shanghai(String localDateTime) {
    return Date.from(LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
  }
}
