package cn.shequflow.handover;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff page of the task handover (任务移交, /staff/handover), for the community's managers: pick a worker, see
 * their open tasks, hand them all to a colleague with {@link TaskHandover} (the service behind POST
 * /api/tasks/handover), and see which cases moved. Who may be on either side is {@link TaskHandover}'s rule
 * (grid workers and managers), shared with the REST call.
 */
@Controller
class TaskHandoverPage {

  static final String PATH = "/staff/handover";
  /** At most this many tasks are listed by name; the count is always complete. */
  static final int LISTED = 200;
  private static final String TITLE = "任务移交";

  private final TaskHandover handover;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Organisation organisation;
  private final StaffPages pages;

  TaskHandoverPage(TaskHandover handover, TaskService taskService, RuntimeService runtimeService,
      IdentityService identityService, Organisation organisation, StaffPages pages) {
    this.handover = handover;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.organisation = organisation;
    this.pages = pages;
  }

  /** Someone who can hand over or take over: name, where they work, how many open tasks they hold. */
  record Worker(String id, String name, String role, long openTasks, String sortKey) {

    public String label() {
      return name + "（" + role + "，" + openTasks + " 项待办）";
    }
  }

  /** A task as the page lists it: the case's number, the step, its due time, who holds it. */
  record TaskLine(String caseNumber, String name, String due, String holder) {}

  @GetMapping(PATH)
  ModelAndView form(HttpServletRequest request, @RequestParam(required = false) String from) {
    String user = pages.user(request);
    ModelAndView refusal = refusal(request, user);
    if (refusal != null) {
      return refusal;
    }
    String chosen = blank(from) ? null : from.trim();
    if (chosen != null) {
      var problem = handover.ineligibility(chosen, TaskHandover.GIVER);
      if (problem.isPresent()) {
        return formPage(request, user, HttpStatus.BAD_REQUEST, null, null, null, problem.get());
      }
    }
    return formPage(request, user, HttpStatus.OK, chosen, null, null, null);
  }

  @PostMapping(PATH)
  ModelAndView handOver(HttpServletRequest request, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String reason) {
    String user = pages.user(request);
    ModelAndView refusal = refusal(request, user);
    if (refusal != null) {
      return refusal;
    }
    if (!pages.tokenMatches(request)) {
      return pages.badToken(request, TITLE);
    }
    String fromUser = blank(from) ? null : from.trim();
    String toUser = blank(to) ? null : to.trim();
    String why = blank(reason) ? null : reason.trim();
    var problem = handover.refusal(fromUser, toUser, why);
    if (problem.isPresent()) {
      return formPage(request, user, HttpStatus.BAD_REQUEST, fromUser, toUser, why, problem.get());
    }
    List<String> moved = handover.handOver(fromUser, toUser, why, user);
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("fromName", pages.name(fromUser));
    model.put("toName", pages.name(toUser));
    model.put("reason", why == null ? "工作交接" : why);
    model.put("count", moved.size());
    model.put("tasks", lines(taskService.createTaskQuery()
        .taskIdIn(moved.stream().limit(LISTED).toArray(String[]::new)).list(), moved.isEmpty()));
    model.put("unlisted", Math.max(0, moved.size() - LISTED));
    return new ModelAndView("handover/result", model, HttpStatus.OK);
  }

  private ModelAndView refusal(HttpServletRequest request, String user) {
    return pages.refuseUnless(request, user, pages.mayHandOver(user), TITLE,
        "只有社区书记/主任可以移交工作人员的任务。需要交出自己的任务时，请联系社区书记/主任。");
  }

  private ModelAndView formPage(HttpServletRequest request, String user, HttpStatus status, String from, String to,
      String reason, String error) {
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("workers", workers());
    model.put("from", from);
    model.put("to", to);
    model.put("reason", reason);
    model.put("error", error);
    model.put("reasonMax", TaskHandover.REASON_MAX);
    if (from != null && handover.ineligibility(from, TaskHandover.GIVER).isEmpty()) {
      long open = taskService.createTaskQuery().taskAssignee(from).active().count();
      model.put("fromName", pages.name(from));
      model.put("openCount", open);
      model.put("openTasks", lines(taskService.createTaskQuery().taskAssignee(from).active().orderByDueDate().asc()
          .listPage(0, LISTED), false));
      model.put("unlisted", Math.max(0, open - LISTED));
    }
    return new ModelAndView("handover/handover", model, status);
  }

  private List<Worker> workers() {
    Set<String> ids = new HashSet<>();
    List<User> users = new ArrayList<>(identityService.createUserQuery().memberOfGroup(Organisation.MANAGERS).list());
    for (var grid : organisation.grids()) {
      users.addAll(identityService.createUserQuery().memberOfGroup(grid.getId()).list());
    }
    List<Worker> workers = new ArrayList<>();
    for (User u : users) {
      if (ids.add(u.getId())) {
        String grid = organisation.gridOf(u.getId()).orElse("");
        String role = organisation.isMember(u.getId(), Organisation.MANAGERS) ? "社区书记/主任" : pages.gridName(grid);
        workers.add(new Worker(u.getId(), pages.name(u.getId()), role,
            taskService.createTaskQuery().taskAssignee(u.getId()).active().count(),
            (grid.isEmpty() ? "~" : grid) + "/" + u.getId()));
      }
    }
    workers.sort(Comparator.comparing(Worker::sortKey));
    return workers;
  }

  private List<TaskLine> lines(Collection<Task> tasks, boolean none) {
    if (none || tasks.isEmpty()) {
      return List.of();
    }
    Set<String> instances = tasks.stream().map(Task::getProcessInstanceId).filter(id -> id != null)
        .collect(Collectors.toSet());
    Map<String, String> numbers = new LinkedHashMap<>();
    if (!instances.isEmpty()) {
      for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processInstanceIds(instances).list()) {
        if (instance.getBusinessKey() != null) {
          numbers.put(instance.getId(), instance.getBusinessKey());
        }
      }
    }
    return tasks.stream().sorted(Comparator.comparing(Task::getDueDate, Comparator.nullsLast(Comparator.naturalOrder())))
        .map(t -> new TaskLine(numbers.getOrDefault(t.getProcessInstanceId(), "—"), t.getName(),
            t.getDueDate() == null ? "—" : StaffPages.time(t.getDueDate()), pages.name(t.getAssignee())))
        .toList();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
