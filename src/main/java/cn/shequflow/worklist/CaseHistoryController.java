package cn.shequflow.worklist;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case's whole history (issue 13 item 6): {@code GET /api/cases/{caseNumber}/history} for the case's grid, the
 * managers, and the street office once the case was escalated to it; {@code GET /api/tasks/{taskId}/case-history} for
 * whoever may read that task (Tasklist's 事项经过 tab). Another grid's case answers 403, an unknown one 404.
 */
@RestController
class CaseHistoryController {

  private final CaseHistory cases;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final AuditLog audit;

  CaseHistoryController(CaseHistory cases, TaskService taskService, HistoryService historyService,
      Organisation organisation, BasicAuthentication authentication, AuditLog audit) {
    this.cases = cases;
    this.taskService = taskService;
    this.historyService = historyService;
    this.organisation = organisation;
    this.authentication = authentication;
    this.audit = audit;
  }

  @GetMapping(path = "/api/cases/{caseNumber}/history", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> byNumber(@PathVariable String caseNumber, HttpServletRequest request) {
    return authentication.withUser(request, user -> byNumber(caseNumber, user));
  }

  private ResponseEntity<?> byNumber(String caseNumber, String user) {
    Optional<HistoricProcessInstance> root = cases.root(caseNumber);
    if (root.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "没有编号为 " + caseNumber + " 的事项"));
    }
    if (!mayRead(user, root.get())) {
      audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "case", caseNumber, AuditLog.DENIED));
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .body(Map.of("message", "您无权查看该事项（只有本网格工作人员和社区书记/主任可以查看）"));
    }
    audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "case", caseNumber, AuditLog.SUCCESS));
    CaseHistory.Case found = cases.of(root.get());
    // the street office reads an escalated case, but its papers are printed by the grid only
    return ResponseEntity.ok(organisation.mayAccessGrid(user, found.grid()) ? found : found.withoutDocuments());
  }

  @GetMapping(path = "/api/tasks/{taskId}/case-history", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> byTask(@PathVariable String taskId, HttpServletRequest request) {
    return authentication.withUser(request, user -> byTask(taskId, user));
  }

  private ResponseEntity<?> byTask(String taskId, String user) {
    Task task = taskId.length() > 64 ? null
        : organisation.runAs(user, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
    if (task == null || task.getProcessInstanceId() == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "没有这个任务，或您无权查看"));
    }
    return ResponseEntity.ok(cases.of(cases.rootOf(task.getProcessInstanceId())));
  }

  private boolean mayRead(String user, HistoricProcessInstance root) {
    if (organisation.mayAccessGrid(user, cases.gridOf(root))) {
      return true;
    }
    return organisation.isMember(user, Organisation.STREET_OFFICE)
        && historyService.createHistoricProcessInstanceQuery().rootProcessInstanceId(root.getId())
            .processDefinitionKey("escalation").count() > 0;
  }
}
