package cn.shequflow.casefile;

import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricFormField;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A case's whole history for the people who work on it (issue 13 item 6, R-3.1.1-1 every matter recorded): every
 * step of the case and of the procedures it called (escalation, proxy service …, which carry its number), who did it,
 * when, and what they decided — the fields they filled in on the step's form, read with the form's own labels.
 * Read from the engine's history; the case's grid decides who may read it ({@link #gridOf}). The case's printed
 * papers are listed with their addresses, so they stay reachable after the case is closed (R-3.1.3-6).
 */
@Component
public class CaseHistory {

  /** One step: when it started and ended, its name, who held it, and what was entered (label → value). */
  public record Step(String startedAt, String endedAt, String procedure, String name, String holder,
      String state, Map<String, String> entered) {}

  /**
   * Entries of a case recorded outside its tasks (a deadline paused, resumed, extended: issue 15 item 4), merged
   * into the steps by time; a feature that records such events provides a bean of this type.
   */
  public interface Entries {

    /** The case's entries, each with the moment it sorts by. */
    List<Entry> of(String caseNumber);
  }

  /** An entry recorded outside the tasks, placed among the steps by {@code at}. */
  public record Entry(Date at, Step step) {}

  /** A printable paper of the case: its title and the address of its print page. */
  public record Document(String title, String href) {}

  /**
   * The case: its number, procedure, grid, received and (when closed) closed time, its steps in order, and its
   * papers (receipt, entrustment, handover sheet) where the case has them.
   */
  public record Case(String caseNumber, String procedure, String grid, String receivedAt, String closedAt,
      List<Step> steps, List<Document> documents) {

    /** The case for a reader outside its grid (the street office): its print pages would refuse them. */
    public Case withoutDocuments() {
      return new Case(caseNumber, procedure, grid, receivedAt, closedAt, steps, List.of());
    }
  }

  static final int LONGEST_VALUE = 300;
  /** The name of a case note's step (a comment on the procedure itself). */
  public static final String NOTE = "案件记录";
  private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
  private static final Map<String, String> PROCEDURES = Map.of("reception", "接待", "escalation", "上报",
      "proxy-service", "代办", "complaint", "投诉", "home-visit", "走访", "duty-shift", "值班");
  private static final java.util.Set<String> ENTERED_TYPES = java.util.Set.of("textfield", "textarea", "number",
      "radio", "select", "checkbox", "checklist", "taglist", "datetime");

  private final HistoryService history;
  private final RepositoryService repository;
  private final TaskService taskService;
  private final CaseNumbers numbers;
  private final Organisation organisation;
  private final ObjectMapper json = new ObjectMapper();
  private final ZoneId zone = ZoneId.of("Asia/Shanghai");
  /** form id → field key → field, per deployment (forms never change inside a deployment). */
  private final Map<String, Map<String, Map<String, JsonNode>>> forms = new ConcurrentHashMap<>();

  /** The features that record entries of their own (deadline pauses and extensions). */
  private final ObjectProvider<Entries> entries;

  CaseHistory(HistoryService history, RepositoryService repository, TaskService taskService, CaseNumbers numbers,
      Organisation organisation, ObjectProvider<Entries> entries) {
    this.entries = entries;
    this.history = history;
    this.repository = repository;
    this.taskService = taskService;
    this.numbers = numbers;
    this.organisation = organisation;
  }

  /** The case's first procedure (the one the number was given to), open or closed. */
  public Optional<HistoricProcessInstance> root(String caseNumber) {
    if (caseNumber == null || caseNumber.isBlank() || caseNumber.length() > 64) {
      return Optional.empty();
    }
    Optional<HistoricProcessInstance> owner = numbers.owner(caseNumber)
        .map(id -> history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult());
    if (owner.isEmpty()) {
      // numbers given by natural key (visits, duty shifts) are not in case_number: the earliest case with that key
      owner = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
          .orderByProcessInstanceStartTime().asc().listPage(0, 1).stream().findFirst();
    }
    return owner.map(this::rootOf);
  }

  /** The case a running or finished procedure belongs to: the procedure itself, or the case that called it. */
  public HistoricProcessInstance rootOf(String processInstanceId) {
    return rootOf(history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult());
  }

  private HistoricProcessInstance rootOf(HistoricProcessInstance instance) {
    String root = instance.getRootProcessInstanceId();
    return root == null || root.equals(instance.getId()) ? instance
        : history.createHistoricProcessInstanceQuery().processInstanceId(root).singleResult();
  }

  /** The grid the case belongs to (null when it has none, e.g. a duty shift: then only managers read it). */
  public String gridOf(HistoricProcessInstance root) {
    var grid = history.createHistoricVariableInstanceQuery().processInstanceId(root.getId())
        .variableName(CaseVariables.GRID).disableCustomObjectDeserialization().list();
    return grid.isEmpty() || grid.get(0).getValue() == null ? null : grid.get(0).getValue().toString();
  }

  public Case of(HistoricProcessInstance root) {
    List<HistoricProcessInstance> procedures = new ArrayList<>();
    procedures.add(root);
    procedures.addAll(history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root.getId()).list()
        .stream().filter(i -> !i.getId().equals(root.getId())).toList());
    List<Step> steps = new ArrayList<>();
    List<HistoricTaskInstance> tasks = new ArrayList<>();
    Map<String, String> procedureOf = new HashMap<>();
    for (HistoricProcessInstance procedure : procedures) {
      procedureOf.put(procedure.getId(), PROCEDURES.getOrDefault(procedure.getProcessDefinitionKey(),
          procedure.getProcessDefinitionName()));
      tasks.addAll(history.createHistoricTaskInstanceQuery().processInstanceId(procedure.getId()).list());
    }
    tasks.sort(Comparator.comparing(HistoricTaskInstance::getStartTime).thenComparing(HistoricTaskInstance::getId));
    // entries outside the tasks, in time: the case's own notes (a comment on the procedure, not on a task: a deadline
    // moved by the holiday table) and what other features record (deadline pauses and extensions)
    List<Entry> recorded = new ArrayList<>();
    for (HistoricProcessInstance procedure : procedures) {
      taskService.getProcessInstanceComments(procedure.getId()).stream().filter(c -> c.getTaskId() == null)
          .sorted(Comparator.comparing(Comment::getId))
          .forEach(c -> recorded.add(new Entry(c.getTime(), note(c, procedureOf))));
    }
    if (root.getBusinessKey() != null) {
      entries.orderedStream().forEach(source -> recorded.addAll(source.of(root.getBusinessKey())));
    }
    recorded.sort(Comparator.comparing(Entry::at)); // stable: notes of one moment keep their order
    int next = 0;
    for (HistoricTaskInstance task : tasks) {
      while (next < recorded.size() && recorded.get(next).at().before(task.getStartTime())) {
        steps.add(recorded.get(next++).step());
      }
      steps.add(new Step(text(task.getStartTime()), text(task.getEndTime()), procedureOf.get(task.getProcessInstanceId()),
          task.getName(), task.getAssignee() == null ? "（待认领）" : organisation.displayName(task.getAssignee()),
          task.getEndTime() == null ? "办理中" : "completed".equals(task.getDeleteReason()) ? "已完成" : "已结束",
          task.getEndTime() == null ? Map.of() : entered(task)));
    }
    while (next < recorded.size()) {
      steps.add(recorded.get(next++).step());
    }
    return new Case(root.getBusinessKey(), procedureOf.get(root.getId()), gridOf(root), text(root.getStartTime()),
        text(root.getEndTime()), steps, documents(procedures, tasks));
  }

  /** A note on the case as a step of its own: when, by the system, what it says. */
  private Step note(Comment comment, Map<String, String> procedureOf) {
    String at = text(comment.getTime());
    return new Step(at, at, procedureOf.get(comment.getProcessInstanceId()), NOTE, "系统", "已记录",
        Map.of("内容", comment.getFullMessage()));
  }

  /**
   * The papers: a reception case's receipt (printed at intake); a proxy case's entrustment once its step was
   * reached, and its handover sheet once the result was to be handed over (the print pages are in reception/ and
   * proxyservice/, which check the grid again).
   */
  private static List<Document> documents(List<HistoricProcessInstance> procedures, List<HistoricTaskInstance> tasks) {
    List<Document> documents = new ArrayList<>();
    for (HistoricProcessInstance procedure : procedures) {
      String number = procedure.getBusinessKey();
      if (number == null) {
        continue;
      }
      String path = URLEncoder.encode(number, StandardCharsets.UTF_8).replace("+", "%20");
      if ("reception".equals(procedure.getProcessDefinitionKey())) {
        documents.add(new Document("受理回执", "/print/receipt/" + path));
      } else if ("proxy-service".equals(procedure.getProcessDefinitionKey())) {
        if (reached(tasks, procedure, "Task_Entrustment")) {
          documents.add(new Document("委托书及材料接收单", "/print/proxy/" + path + "/entrustment"));
        }
        if (reached(tasks, procedure, "Task_HandOver")) {
          documents.add(new Document("代办结果交接单", "/print/proxy/" + path + "/handover"));
        }
      }
    }
    return documents;
  }

  private static boolean reached(List<HistoricTaskInstance> tasks, HistoricProcessInstance procedure, String taskKey) {
    return tasks.stream().anyMatch(t -> procedure.getId().equals(t.getProcessInstanceId())
        && taskKey.equals(t.getTaskDefinitionKey()));
  }

  /** What the holder entered on the step's form: its editable fields, labelled as on the form. */
  private Map<String, String> entered(HistoricTaskInstance task) {
    Map<String, JsonNode> fields = formOf(task);
    Map<String, String> entered = new LinkedHashMap<>();
    if (fields.isEmpty()) {
      return entered;
    }
    Map<String, Object> values = new HashMap<>();
    for (HistoricDetail detail : history.createHistoricDetailQuery().taskId(task.getId())
        .disableCustomObjectDeserialization().orderPartiallyByOccurrence().asc().list()) {
      if (detail instanceof HistoricVariableUpdate update) {
        values.put(update.getVariableName(), update.getValue());
      } else if (detail instanceof HistoricFormField field) {
        values.putIfAbsent(field.getFieldId(), field.getFieldValue());
      }
    }
    fields.forEach((key, field) -> {
      Object value = values.get(key);
      String shown = shown(field, value);
      if (shown != null) {
        entered.put(field.path("label").asText(key), shown);
      }
    });
    return entered;
  }

  private String shown(JsonNode field, Object value) {
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof Date d) {
      return text(d);
    }
    String raw = value.toString();
    for (JsonNode option : field.path("values")) {
      if (raw.equals(option.path("value").asText())) {
        return option.path("label").asText(raw);
      }
    }
    if (raw.startsWith("[") && field.path("values").size() > 0) {
      // a checklist's chosen values, labelled
      List<String> labels = new ArrayList<>();
      for (JsonNode option : field.path("values")) {
        if (raw.contains("\"" + option.path("value").asText() + "\"")) {
          labels.add(option.path("label").asText());
        }
      }
      if (!labels.isEmpty()) {
        return String.join("、", labels);
      }
    }
    return raw.length() > LONGEST_VALUE ? raw.substring(0, LONGEST_VALUE) + "…" : raw;
  }

  /** The editable fields of the step's Camunda form (camunda:formRef), by key; empty when it has none. */
  private Map<String, JsonNode> formOf(HistoricTaskInstance task) {
    ProcessDefinition definition = repository.getProcessDefinition(task.getProcessDefinitionId());
    String formId = formRef(definition, task.getTaskDefinitionKey());
    if (formId == null) {
      return Map.of();
    }
    return forms.computeIfAbsent(definition.getDeploymentId(), this::formsOf).getOrDefault(formId, Map.of());
  }

  private String formRef(ProcessDefinition definition, String taskKey) {
    var element = repository.getBpmnModelInstance(definition.getId()).getModelElementById(taskKey);
    return element instanceof org.camunda.bpm.model.bpmn.instance.UserTask userTask ? userTask.getCamundaFormRef()
        : null;
  }

  private Map<String, Map<String, JsonNode>> formsOf(String deploymentId) {
    Map<String, Map<String, JsonNode>> byId = new HashMap<>();
    for (String name : repository.getDeploymentResourceNames(deploymentId)) {
      if (!name.endsWith(".form")) {
        continue;
      }
      try (InputStream in = repository.getResourceAsStream(deploymentId, name)) {
        JsonNode form = json.readTree(in);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        collect(form, fields);
        byId.put(form.path("id").asText(), fields);
      } catch (IOException e) {
        throw new IllegalStateException("表单 " + name + " 无法读取", e);
      }
    }
    return byId;
  }

  private static void collect(JsonNode node, Map<String, JsonNode> fields) {
    for (JsonNode component : node.path("components")) {
      String key = component.path("key").asText(null);
      boolean editable = !component.path("readonly").asBoolean(false) && !component.path("disabled").asBoolean(false);
      if (key != null && editable && ENTERED_TYPES.contains(component.path("type").asText())) {
        fields.put(key, component);
      }
      collect(component, fields);
    }
  }

  private String text(Date date) {
    return date == null ? null : TEXT.format(date.toInstant().atZone(zone));
  }
}
