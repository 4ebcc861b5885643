package cn.shequflow.worklist;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasks/deadlines?ids=a,b,c}: how each task's deadline stands in working days ("剩余 2 个工作日",
 * "今日到期", "已超期 3 个工作日", with "（暂定）" in a year the holiday table has no rows for; "已暂停（等待居民补正材料）"
 * while the case's clock stands still), for the Tasklist cards and the task form (issue 13 item 2, issue 15 item 7).
 * Tasks the caller may not read are left out, exactly as the engine's own task list leaves them out: the query runs
 * as the caller.
 */
@RestController
class TaskDeadlineController {

  static final int MAX_IDS = 100;
  /** The case variable a paused deadline leaves for the cards and forms (deadline.DeadlinePauseListener). */
  static final String PAUSE_LABEL = "deadlinePauseLabel";

  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final WorkingDayCalendar calendar;

  TaskDeadlineController(TaskService taskService, RuntimeService runtimeService, Organisation organisation,
      BasicAuthentication authentication, WorkingDayCalendar calendar) {
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.authentication = authentication;
    this.calendar = calendar;
  }

  @GetMapping(path = "/api/tasks/deadlines", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> deadlines(@RequestParam(name = "ids", required = false) String ids, HttpServletRequest request) {
    return authentication.withUser(request, user -> deadlines(ids, user));
  }

  private ResponseEntity<?> deadlines(String ids, String user) {
    List<String> wanted = ids == null ? List.of()
        : Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
    if (wanted.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("message", "请给出任务编号（ids=任务1,任务2）"));
    }
    if (wanted.size() > MAX_IDS) {
      return ResponseEntity.badRequest().body(Map.of("message", "一次最多查询 " + MAX_IDS + " 个任务"));
    }
    if (wanted.stream().anyMatch(id -> id.length() > 64 || !id.matches("[A-Za-z0-9:._-]+"))) {
      return ResponseEntity.badRequest().body(Map.of("message", "任务编号格式不正确"));
    }
    List<Task> tasks = organisation.runAs(user,
        () -> taskService.createTaskQuery().taskIdIn(wanted.toArray(String[]::new)).list());
    Map<String, String> paused = pausedCases(tasks);
    Map<String, String> caseNumbers = caseNumbers(tasks);
    List<Map<String, Object>> answer = tasks.stream().filter(task -> task.getDueDate() != null).map(task -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("taskId", task.getId());
      row.put("caseNumber", caseNumbers.get(task.getProcessInstanceId()));
      row.put("due", calendar.text(task.getDueDate()));
      String pause = paused.get(task.getProcessInstanceId());
      boolean provisional = calendar.isProvisional(task.getDueDate().toInstant().atZone(calendar.zone()).getYear());
      row.put("overdue", pause == null && !task.getDueDate().after(ClockUtil.getCurrentTime()));
      row.put("paused", pause != null);
      row.put("provisional", provisional);
      // issue 15 items 4 and 7: a paused case's clock stands still; a deadline in a year without rows is 暂定
      row.put("standing", pause != null ? pause
          : calendar.standing(task.getDueDate()) + (provisional ? "（暂定）" : ""));
      return row;
    }).toList();
    return ResponseEntity.ok(answer);
  }

  /** Process instance → its case number (business key), in one query: the task form's 申请延期 needs it. */
  private Map<String, String> caseNumbers(List<Task> tasks) {
    java.util.Set<String> instances = tasks.stream().map(Task::getProcessInstanceId).filter(id -> id != null)
        .collect(java.util.stream.Collectors.toSet());
    Map<String, String> numbers = new HashMap<>();
    if (!instances.isEmpty()) {
      runtimeService.createProcessInstanceQuery().processInstanceIds(instances).list()
          .forEach(instance -> numbers.put(instance.getId(), instance.getBusinessKey()));
    }
    return numbers;
  }

  /** Process instance → what its cards say while its deadline is paused (deadlinePauseLabel), in one query. */
  private Map<String, String> pausedCases(List<Task> tasks) {
    String[] instances = tasks.stream().map(Task::getProcessInstanceId).filter(id -> id != null).distinct()
        .toArray(String[]::new);
    Map<String, String> paused = new HashMap<>();
    if (instances.length == 0) {
      return paused;
    }
    runtimeService.createVariableInstanceQuery().variableName(PAUSE_LABEL).processInstanceIdIn(instances)
        .disableCustomObjectDeserialization().list()
        .forEach(v -> paused.put(v.getProcessInstanceId(), String.valueOf(v.getValue())));
    return paused;
  }
}
