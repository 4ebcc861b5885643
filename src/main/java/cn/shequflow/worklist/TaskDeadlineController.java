package cn.shequflow.worklist;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasks/deadlines?ids=a,b,c}: how each task's deadline stands in working days ("剩余 2 个工作日",
 * "今日到期", "超期 3 个工作日"), for the Tasklist cards (issue 13 item 2, R-4.2-1). Tasks the caller may not read are
 * left out, exactly as the engine's own task list leaves them out: the query runs as the caller.
 */
@RestController
class TaskDeadlineController {

  static final int MAX_IDS = 100;

  private final TaskService taskService;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final WorkingDayCalendar calendar;

  TaskDeadlineController(TaskService taskService, Organisation organisation, BasicAuthentication authentication,
      WorkingDayCalendar calendar) {
    this.taskService = taskService;
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
    List<Map<String, Object>> answer = tasks.stream().filter(task -> task.getDueDate() != null).map(task -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("taskId", task.getId());
      row.put("due", calendar.text(task.getDueDate()));
      row.put("overdue", !task.getDueDate().after(ClockUtil.getCurrentTime()));
      row.put("standing", calendar.standing(task.getDueDate()));
      return row;
    }).toList();
    return ResponseEntity.ok(answer);
  }
}
