package cn.shequflow.organisation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Creates the Chinese Tasklist filters (我的待办, 本网格待办, 今日到期, 即将到期, 已逾期 …). Expressions in stored
 * queries are switched off for safety, so "mine" is one filter per user, "due soon"/"overdue" match the
 * deadlineState task variable that the models' reminder and overdue timers set, and the dated filters (今日到期,
 * 本月走访) are rewritten with today's dates by each provisioning run. Case lists hold cases only (visits have their
 * own filters) and put what is due first: the filter's own ordering (due date, then priority) comes before the
 * sorting Tasklist adds. A filter made by an older version is brought up to date in place (same id, same grants).
 * 新留言与邮件 is the community-wide intake queue every grid sees (cases residents left themselves, not yet claimed).
 */
@Component
public class TaskFilterProvisioner {

  static final String KEY = "shequKey";
  /** Raised whenever a filter's query or properties change, so existing installations get the new ones. */
  static final int VERSION = 4;
  static final String VERSION_KEY = "shequVersion";
  public static final String DEADLINE_STATE = "deadlineState";
  /** The procedures whose tasks are residents' cases; home visits are listed apart. */
  public static final String[] CASE_PROCESSES = {"reception", "proxy-service", "complaint", "escalation", "duty-shift"};
  /** The supervision tasks an overdue step gives the managers (逾期督办). */
  static final String[] SUPERVISION_TASKS = {"Task_SuperviseOverdue", "Task_SuperviseProxy", "Task_SuperviseEscalation",
      "Task_SuperviseHandover", "Task_SuperviseFollowUp"};

  private final FilterService filterService;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final ZoneId zone;

  TaskFilterProvisioner(FilterService filterService, TaskService taskService, IdentityService identityService,
      AuthorizationService authorizationService, @Value("${shequ.calendar.zone:Asia/Shanghai}") String zone) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.zone = ZoneId.of(zone);
  }

  @EventListener
  @Order(30)
  public void onStart(ApplicationStartedEvent event) {
    provision();
  }

  /** New users and grids created in Admin get their filters within minutes, without a restart. */
  @Scheduled(fixedDelayString = "${shequ.organisation.sync-interval:PT5M}", initialDelayString = "${shequ.organisation.sync-interval:PT5M}")
  public synchronized void provision() {
    Map<String, Filter> existing = filterService.createFilterQuery().list().stream()
        .filter(f -> f.getProperties() != null && f.getProperties().get(KEY) != null)
        .collect(Collectors.toMap(f -> (String) f.getProperties().get(KEY), Function.identity(), (a, b) -> a));

    List<String> taskGroups = new ArrayList<>();
    for (Group grid : identityService.createGroupQuery().list()) {
      if (!Organisation.isGrid(grid.getId())) {
        continue;
      }
      taskGroups.add(grid.getId());
      Filter filter = ensure(existing, "grid/" + grid.getId(), "本网格待办",
          "本网格（" + grid.getName() + "）的全部事项待办，含已认领的；先到期的在前，不含走访", -10, "#2e7d32",
          dueFirst(taskService.createTaskQuery().taskCandidateGroup(grid.getId()).includeAssignedTasks()
              .processDefinitionKeyIn(CASE_PROCESSES)));
      grantGroup(filter, grid.getId());
      Filter visits = ensure(existing, "visits/" + grid.getId(), "本网格走访",
          "本网格的走访任务（每户每年、特殊家庭每月）", -5, "#00838f",
          dueFirst(taskService.createTaskQuery().taskCandidateGroup(grid.getId()).includeAssignedTasks()
              .processDefinitionKey("home-visit")));
      grantGroup(visits, grid.getId());
      Filter visitsThisMonth = ensure(existing, "visits-month/" + grid.getId(), "本月走访",
          "本网格本月底前到期的走访", -4, "#00838f",
          dueFirst(taskService.createTaskQuery().taskCandidateGroup(grid.getId()).includeAssignedTasks()
              .processDefinitionKey("home-visit").dueBefore(endOfMonth())));
      grantGroup(visitsThisMonth, grid.getId());
    }
    ensureIntakeGroup();
    Filter intake = ensure(existing, "intake", "新留言与邮件",
        "居民网上留言、电子邮件，尚未有人认领：认领者为首问责任人，事项归入其网格；先到期的在前", -8, "#d84315",
        dueFirst(taskService.createTaskQuery().taskCandidateGroup(Organisation.INTAKE)
            .processDefinitionKeyIn(CASE_PROCESSES)));
    for (String grid : taskGroups) {
      grantGroup(intake, grid);
    }
    grantGroup(intake, Organisation.MANAGERS);
    taskGroups.add(Organisation.MANAGERS);
    taskGroups.add(Organisation.STREET_OFFICE);

    Filter all = ensure(existing, "all", "全社区待办", "社区全部事项待办（书记/主任），不含走访；先到期的在前", -10,
        "#455a64", dueFirst(taskService.createTaskQuery().processDefinitionKeyIn(CASE_PROCESSES)));
    grantGroup(all, Organisation.MANAGERS);
    Filter supervise = ensure(existing, "supervise", "逾期督办", "逾期后升级给书记/主任的督办任务", -5, "#c62828",
        dueFirst(taskService.createTaskQuery().taskCandidateGroup(Organisation.MANAGERS).includeAssignedTasks()
            .taskDefinitionKeyIn(SUPERVISION_TASKS)));
    grantGroup(supervise, Organisation.MANAGERS);
    Filter street = ensure(existing, "street-office", "街道待办", "社区上报街道办理的事项", -10, "#1565c0",
        taskService.createTaskQuery().taskCandidateGroup(Organisation.STREET_OFFICE).includeAssignedTasks());
    grantGroup(street, Organisation.STREET_OFFICE);

    Filter dueToday = ensure(existing, "due-today", "今日到期", "今天到期、尚未办完的事项待办", 0, "#f9a825",
        dueFirst(taskService.createTaskQuery().processDefinitionKeyIn(CASE_PROCESSES).dueAfter(startOfToday())
            .dueBefore(startOfTomorrow())));
    Filter dueSoon = ensure(existing, "due-soon", "即将到期", "今天到期、已提醒的待办", 1, "#ef6c00",
        dueFirst(taskService.createTaskQuery().taskVariableValueEquals(DEADLINE_STATE, "dueSoon")));
    Filter overdue = ensure(existing, "overdue", "已逾期", "已超过办理时限的待办（已升级书记/主任督办）", 2, "#b71c1c",
        dueFirst(taskService.createTaskQuery().taskVariableValueEquals(DEADLINE_STATE, "overdue")));
    for (String group : taskGroups) {
      grantGroup(dueToday, group);
      grantGroup(dueSoon, group);
      grantGroup(overdue, group);
    }

    Set<String> taskUsers = new TreeSet<>();
    for (String group : taskGroups) {
      identityService.createUserQuery().memberOfGroup(group).list().stream().map(User::getId).forEach(taskUsers::add);
    }
    for (String userId : taskUsers) {
      Filter mine = ensure(existing, "mine/" + userId, "我的待办", "由我办理的任务，先到期的在前", 0, "#6a1b9a",
          dueFirst(taskService.createTaskQuery().taskAssignee(userId)));
      grantUser(mine, userId);
    }
  }

  /** The intake queue's group, so lists and the register name it (新留言与邮件); it has no members. */
  private void ensureIntakeGroup() {
    if (identityService.createGroupQuery().groupId(Organisation.INTAKE).count() == 0) {
      Group group = identityService.newGroup(Organisation.INTAKE);
      group.setName("新留言与邮件");
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private Filter ensure(Map<String, Filter> existing, String key, String name, String description, int priority,
      String color, TaskQuery query) {
    Filter filter = existing.get(key);
    if (filter != null && Integer.valueOf(VERSION).equals(filter.getProperties().get(VERSION_KEY))
        && sameDates(filter.getQuery(), query)) {
      return filter;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(KEY, key);
    properties.put(VERSION_KEY, VERSION);
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", "caseNumber", "label", "事项编号"),
        Map.of("name", "residentName", "label", "居民"),
        Map.of("name", "channelName", "label", "渠道"),
        Map.of("name", "categoryName", "label", "事项类别")));
    filter = (filter == null ? filterService.newTaskFilter(name) : filter.setName(name)).setQuery(query)
        .setProperties(properties);
    filterService.saveFilter(filter);
    existing.put(key, filter);
    return filter;
  }

  /** Whether a stored query still has today's dates (the dated filters move on at midnight). */
  private static boolean sameDates(Object stored, TaskQuery wanted) {
    if (!(stored instanceof TaskQueryImpl old) || !(wanted instanceof TaskQueryImpl now)) {
      return true;
    }
    return java.util.Objects.equals(old.getDueBefore(), now.getDueBefore())
        && java.util.Objects.equals(old.getDueAfter(), now.getDueAfter());
  }

  /** What is due comes first, the more urgent before the less on the same due date; then the newest. */
  private static TaskQuery dueFirst(TaskQuery query) {
    return query.orderByDueDate().asc().orderByTaskPriority().desc();
  }

  private Date startOfToday() {
    return Date.from(today().atStartOfDay(zone).toInstant());
  }

  private Date startOfTomorrow() {
    return Date.from(today().plusDays(1).atStartOfDay(zone).toInstant());
  }

  private Date endOfMonth() {
    return Date.from(today().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant());
  }

  private LocalDate today() {
    return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
  }

  private void grantGroup(Filter filter, String groupId) {
    grantRead(filter, null, groupId);
  }

  private void grantUser(Filter filter, String userId) {
    grantRead(filter, userId, null);
  }

  private void grantRead(Filter filter, String userId, String groupId) {
    var existing = authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER)
        .resourceId(filter.getId());
    if ((userId != null ? existing.userIdIn(userId) : existing.groupIdIn(groupId)).count() > 0) {
      return;
    }
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(Resources.FILTER);
    authorization.setResourceId(filter.getId());
    authorization.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(authorization);
  }
}
