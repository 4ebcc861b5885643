package cn.shequflow.register;

import cn.shequflow.casefile.CaseClosed;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.feedback.CaseRated;
import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the case register (case_register) up to date as a resident case moves, inside the engine's transaction, so
 * the register never says what the case did not do: a user task of the case created or assigned (who holds it now,
 * the first response's deadline, the finishing deadline), completed (the first response), the case closed
 * ({@link CaseClosed}) or rated ({@link CaseRated}). Tasks reach it through the engine's Spring event bridge; a
 * procedure called by a case (escalation, proxy service from reception) updates the row of the case that called it.
 *
 * <p>Who holds the case is the assignee of its open task, else the task's candidate group. A user task may say
 * otherwise in the model with the extension property {@code registerHolder}: {@code unit} — the unit named in
 * {@code unitName} holds the case (the street office or a department, while the worker waits for its answer);
 * {@code unchanged} — a side task (督办) that moves nothing.
 */
@Component
class CaseRegister {

  /** The procedures whose cases are resident cases, each a kind of row. */
  static final Set<String> KINDS = Set.of("reception", "proxy-service", "complaint");
  static final String HOLDER_PROPERTY = "registerHolder";

  // Where each column comes from: the first variable of the list that the case has (procedures name them apart)
  private static final List<String> NAME = List.of("residentName", "complainantName");
  private static final List<String> PHONE = List.of("residentPhone", "complainantPhone");
  private static final List<String> RECEIVED = List.of(CaseVariables.RECEIVED_AT, "proxyRequestedAt");
  private static final List<String> CATEGORY = List.of(CaseVariables.CATEGORY, "proxyItem");
  private static final List<String> FIRST_RESPONDER = List.of(CaseVariables.FIRST_RESPONDER, "receivedBy");
  /** The finishing deadline: the promised date where one was promised, else the catalogue's limit. */
  private static final List<String> FINISH_DUE = List.of("promisedReplyAt", "promisedDueAt", "catalogueDueAt",
      "rectifyDueAt");

  private final JdbcTemplate jdbc;
  private final Organisation organisation;

  CaseRegister(JdbcTemplate jdbc, Organisation organisation) {
    this.jdbc = jdbc;
    this.organisation = organisation;
  }

  @EventListener
  public void onTask(DelegateTask task) {
    DelegateExecution execution = task.getExecution();
    if (execution == null || !isResidentCase(execution)) {
      return;
    }
    String holder = holderProperty(task);
    switch (task.getEventName()) {
      case TaskListener.EVENTNAME_CREATE -> {
        refresh(execution, task, holder);
        if (!"unchanged".equals(holder)) {
          step(execution.getProcessBusinessKey());
          hold(execution.getProcessBusinessKey(), task, holder);
        }
      }
      case TaskListener.EVENTNAME_ASSIGNMENT -> {
        if (!"unchanged".equals(holder) && !"unit".equals(holder) && task.getAssignee() != null) {
          hold(execution.getProcessBusinessKey(), task.getAssignee(), organisation.displayName(task.getAssignee()),
              false);
        }
      }
      case TaskListener.EVENTNAME_COMPLETE -> jdbc.update("update case_register set first_response_at = ?, "
          + "updated_at = ? where case_number = ? and first_task_id = ? and first_response_at is null",
          now(), now(), execution.getProcessBusinessKey(), task.getId());
      default -> { }
    }
  }

  @EventListener
  public void onClosed(CaseClosed closed) {
    DelegateExecution execution = closed.execution();
    if (execution.getProcessInstance().getSuperExecution() != null || !isResidentCase(execution)) {
      return;
    }
    refresh(execution, null, null);
    Timestamp now = now();
    jdbc.update("update case_register set status = 'closed', closed_at = ?, outcome = ?, outcome_label = ?, "
        + "first_response_at = coalesce(first_response_at, ?), updated_at = ? where case_number = ?",
        now, closed.outcome(), closed.outcomeLabel(), now, now, closed.caseNumber());
  }

  @EventListener
  public void onRated(CaseRated rated) {
    jdbc.update("update case_register set rating = ?, rated_at = ?, rating_complaint = ?, updated_at = ? "
        + "where case_number = ?", rated.rating(), new Timestamp(rated.ratedAt().getTime()),
        rated.complaintCaseNumber(), now(), rated.caseNumber());
  }

  /**
   * Writes what the case knows now into its row, inserting the row at the case's first task (whose deadline is the
   * first response's). Values the case does not have (yet) leave the row's as they are. candidateHolder is the
   * task's registerHolder property, read once by the caller.
   */
  private void refresh(DelegateExecution execution, DelegateTask firstTaskCandidate, String candidateHolder) {
    String caseNumber = execution.getProcessBusinessKey();
    Date received = date(execution, RECEIVED);
    Object[] values = {text(execution, List.of(CaseVariables.CHANNEL)), text(execution, CATEGORY),
        text(execution, List.of(CaseVariables.CATEGORY_NAME)), text(execution, NAME), text(execution, PHONE),
        text(execution, List.of(CaseVariables.GRID)), text(execution, FIRST_RESPONDER),
        text(execution, List.of(CaseVariables.FIRST_RESPONDER_NAME)), timestamp(date(execution, FINISH_DUE)),
        text(execution, List.of("relatedCase"))};
    Timestamp now = now();
    int updated = jdbc.update("""
        update case_register set channel = coalesce(?, channel), category = coalesce(?, category),
          category_name = coalesce(?, category_name), resident_name = coalesce(?, resident_name),
          resident_phone = coalesce(?, resident_phone), grid = coalesce(?, grid),
          first_responder = coalesce(?, first_responder), first_responder_name = coalesce(?, first_responder_name),
          due_at = coalesce(?, due_at), related_case = coalesce(?, related_case), updated_at = ?
        where case_number = ?""", append(values, now, caseNumber));
    if (updated > 0 || execution.getProcessInstance().getSuperExecution() != null) {
      return; // a called procedure only updates the row of the case that called it
    }
    boolean firstTask = firstTaskCandidate != null && !"unchanged".equals(candidateHolder);
    try {
      jdbc.update("""
          insert into case_register (channel, category, category_name, resident_name, resident_phone, grid,
            first_responder, first_responder_name, due_at, related_case, updated_at, case_number, kind,
            process_instance_id, received_at, first_task_id, first_response_due_at, status)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')""",
          append(values, now, caseNumber, processKey(execution), execution.getProcessInstanceId(),
              received == null ? now : timestamp(received), firstTask ? firstTaskCandidate.getId() : null,
              firstTask ? timestamp(firstTaskCandidate.getDueDate()) : null));
    } catch (DuplicateKeyException raced) {
      jdbc.update("update case_register set updated_at = ? where case_number = ?", now, caseNumber);
    }
  }

  /** One more step of the case's own (side tasks do not count): a case closed after one step closed at its first. */
  private void step(String caseNumber) {
    jdbc.update("update case_register set step_count = step_count + 1 where case_number = ?", caseNumber);
  }

  private void hold(String caseNumber, DelegateTask task, String holderProperty) {
    if ("unit".equals(holderProperty)) {
      String unit = text(task.getExecution(), List.of("unitName"));
      boolean street = candidateGroups(task).contains(Organisation.STREET_OFFICE);
      hold(caseNumber, street ? Organisation.STREET_OFFICE : "department", unit == null ? "上报单位" : unit, street);
      return;
    }
    if (task.getAssignee() != null) {
      hold(caseNumber, task.getAssignee(), organisation.displayName(task.getAssignee()), false);
      return;
    }
    List<String> groups = candidateGroups(task);
    if (groups.isEmpty()) {
      return;
    }
    String group = groups.contains(Organisation.STREET_OFFICE) ? Organisation.STREET_OFFICE : groups.get(0);
    hold(caseNumber, group, groupName(group), Organisation.STREET_OFFICE.equals(group));
  }

  private void hold(String caseNumber, String holder, String holderName, boolean streetOffice) {
    Timestamp now = now();
    jdbc.update("update case_register set holder_since = case when holder = ? then holder_since else ? end, "
        + "holder = ?, holder_name = ?, escalated_to_street = (escalated_to_street or ?), updated_at = ? "
        + "where case_number = ?", holder, now, holder, holderName, streetOffice, now, caseNumber);
  }

  private String groupName(String group) {
    if (Organisation.MANAGERS.equals(group)) {
      return "社区书记/主任";
    }
    return organisation.groupName(group);
  }

  private static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
        .map(IdentityLink::getGroupId).filter(g -> g != null).sorted().toList();
  }

  /** The model's registerHolder property of the task, or null. */
  static String holderProperty(DelegateTask task) {
    UserTask element = task.getBpmnModelElementInstance();
    ExtensionElements extensions = element == null ? null : element.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
      for (CamundaProperty property : properties.getCamundaProperties()) {
        if (HOLDER_PROPERTY.equals(property.getCamundaName())) {
          return property.getCamundaValue();
        }
      }
    }
    return null;
  }

  /** A case of a resident's: its root is one of {@link #KINDS}, and the execution carries that case's number. */
  private static boolean isResidentCase(DelegateExecution execution) {
    DelegateExecution root = execution.getProcessInstance();
    while (root.getSuperExecution() != null) {
      root = root.getSuperExecution().getProcessInstance();
    }
    String key = execution.getProcessBusinessKey();
    return KINDS.contains(processKey(root)) && key != null && key.equals(root.getProcessBusinessKey());
  }

  private static String processKey(DelegateExecution execution) {
    return execution.getProcessDefinitionId().split(":")[0];
  }

  private static String text(DelegateExecution execution, List<String> names) {
    for (String name : names) {
      if (execution.getVariable(name) instanceof String value && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static Date date(DelegateExecution execution, List<String> names) {
    for (String name : names) {
      if (execution.getVariable(name) instanceof Date value) {
        return value;
      }
    }
    return null;
  }

  private static Timestamp timestamp(Date date) {
    return date == null ? null : new Timestamp(date.getTime());
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  private static Object[] append(Object[] values, Object... more) {
    Object[] all = new Object[values.length + more.length];
    System.arraycopy(values, 0, all, 0, values.length);
    System.arraycopy(more, 0, all, values.length, more.length);
    return all;
  }
}
