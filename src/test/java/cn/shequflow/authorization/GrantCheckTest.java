package cn.shequflow.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * R-1.2-7 with the rewritten grant check (issue 11 item 2): a grid worker's queries return exactly what the grants
 * allow — their grid's tasks, a task granted to them alone, every task of a definition granted to them, everything
 * under a '*' grant — and nothing of another grid, while the engine's SQL really goes out in the EXISTS form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GrantCheckTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuthorizationService authorizationService;
  @Autowired Organisation organisation;
  @Autowired ProcessEngineConfigurationImpl configuration;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(GrantCheckInterceptor.class);
  private ProcessInstance grid1Case;
  private ProcessInstance grid2Case;
  private Authorization extraGrant;

  @BeforeEach
  void cases() {
    grid1Case = start("zhangwei");
    grid2Case = start("lina");
    log.start();
    logger.addAppender(log);
    logger.setLevel(Level.DEBUG);
  }

  @AfterEach
  void cleanUp() {
    logger.detachAppender(log);
    logger.setLevel(null);
    if (extraGrant != null) {
      authorizationService.deleteAuthorization(extraGrant.getId());
    }
    organisation.runAsApp(() -> {
      runtimeService.deleteProcessInstance(grid1Case.getId(), "test");
      runtimeService.deleteProcessInstance(grid2Case.getId(), "test");
      return null;
    });
  }

  @Test
  @DisplayName("插件已装入引擎的 MyBatis 配置")
  void interceptorIsInstalled() {
    assertThat(configuration.getSqlSessionFactory().getConfiguration().getInterceptors())
        .filteredOn(GrantCheckInterceptor.class::isInstance).hasSize(1);
  }

  @Test
  @DisplayName("R-1.2-7 网格隔离：zhangwei 查第二网格的待办，列表和计数都是 0；查本网格的，与授权一致")
  void gridWorkerSeesOwnGridOnly() {
    assertThat(as("zhangwei", () -> ids(taskService.createTaskQuery().taskCandidateGroup("grid-2"))))
        .doesNotContain(task(grid2Case).getId());
    assertThat(as("zhangwei", () -> taskService.createTaskQuery().processInstanceId(grid2Case.getId()).count()))
        .isZero();
    assertThat(as("zhangwei", () -> ids(taskService.createTaskQuery().processInstanceId(grid1Case.getId()))))
        .containsExactly(task(grid1Case).getId());
    assertThat(as("lina", () -> taskService.createTaskQuery().processInstanceId(grid1Case.getId()).count())).isZero();
    assertThat(rewritten()).contains("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria",
        "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskCountByQueryCriteria");
  }

  @Test
  @DisplayName("按任务单独授权给某人：只多看到这一件，看不到同网格的其他事项")
  void grantOnOneTaskShowsThatTaskOnly() {
    Task other = task(grid2Case);
    extraGrant = grant("zhangwei", Resources.TASK, other.getId(), Permissions.READ);

    assertThat(as("zhangwei", () -> ids(taskService.createTaskQuery().taskCandidateGroup("grid-2")
        .includeAssignedTasks()))).containsExactly(other.getId());
    assertThat(as("wangfang", () -> taskService.createTaskQuery().taskId(other.getId()).count())).isZero();
  }

  @Test
  @DisplayName("按流程定义授权 READ_TASK：该流程的任务全部可见（RESOURCE_ID_ = D.KEY_ 一支）")
  void grantOnDefinitionShowsItsTasks() {
    assertThat(as("zhangwei", () -> taskService.createTaskQuery().processInstanceId(grid2Case.getId()).count())).isZero();
    extraGrant = grant("zhangwei", Resources.PROCESS_DEFINITION, "reception", ProcessDefinitionPermissions.READ_TASK);

    assertThat(as("zhangwei", () -> ids(taskService.createTaskQuery().processInstanceId(grid2Case.getId()))))
        .containsExactly(task(grid2Case).getId());
  }

  @Test
  @DisplayName("'*' 授权（书记/主任）：全部任务可见，计数与列表一致")
  void wildcardGrantShowsEverything() {
    long all = organisation.runAsApp(() -> taskService.createTaskQuery().count());
    assertThat(as("liuyang", () -> taskService.createTaskQuery().count())).isEqualTo(all);
    assertThat(as("liuyang", () -> taskService.createTaskQuery().list())).hasSize((int) all);
    assertThat(as("zhangwei", () -> taskService.createTaskQuery().count())).isLessThan(all);
  }

  @Test
  @DisplayName("历史记录同样改写：zhangwei 看得到本网格事项的历史，看不到第二网格的")
  void historyFollowsTheGrants() {
    assertThat(as("zhangwei", () -> historyService.createHistoricProcessInstanceQuery()
        .processInstanceIds(java.util.Set.of(grid1Case.getId(), grid2Case.getId())).list()))
        .extracting(h -> h.getId()).containsExactly(grid1Case.getId());
    assertThat(rewritten()).anyMatch(id -> id.endsWith("HistoricProcessInstanceEntity.selectHistoricProcessInstancesByQueryCriteria"));
  }

  @Test
  @DisplayName("R-1.2-7 本网格待办筛选器（只含事项、先到期的在前）的列表和计数也以 EXISTS 发出（授权与候选组），且只有本网格")
  void theGridFilterGoesOutRewrittenAndSeparated() {
    var filters = configuration.getFilterService();
    String gridFilter = filters.createFilterQuery().list().stream()
        .filter(f -> "grid/grid-1".equals(f.getProperties().get("shequKey"))).findFirst().orElseThrow().getId();
    log.list.clear();

    List<Task> listed = as("zhangwei", () -> filters.<Task>list(gridFilter));
    long counted = as("zhangwei", () -> filters.count(gridFilter));
    List<ILoggingEvent> filterQueries = List.copyOf(log.list);

    assertThat(listed).extracting(Task::getId).contains(task(grid1Case).getId()).doesNotContain(task(grid2Case).getId());
    assertThat(counted).isEqualTo(listed.size());
    assertThat(rewritten()).contains("org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskByQueryCriteria",
        "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity.selectTaskCountByQueryCriteria");
    // both rewrites: the grant check and the candidate-group join as EXISTS (the page walks the due-date index)
    assertThat(filterQueries).filteredOn(e -> String.valueOf(e.getArgumentArray()[0]).endsWith("ByQueryCriteria"))
        .isNotEmpty().allMatch(e -> Boolean.TRUE.equals(e.getArgumentArray()[1]))
        .allMatch(e -> Boolean.TRUE.equals(e.getArgumentArray()[2]));
  }

  @Test
  @DisplayName("R-1.2-7 全社区待办（书记/主任）与本网格待办的语句带上事项流程的定义 id：结果照旧，只有事项、不见走访，本网格仍不见第二网格")
  void caseFiltersGoOutWithTheirDefinitionIds() {
    var filters = configuration.getFilterService();
    String all = filterId("all");
    String grid = filterId("grid/grid-1");
    log.list.clear();

    List<Task> community = as("liuyang", () -> filters.<Task>list(all));
    long communityCount = as("liuyang", () -> filters.count(all));
    List<Task> mine = as("zhangwei", () -> filters.<Task>list(grid));

    assertThat(community).extracting(Task::getId).contains(task(grid1Case).getId(), task(grid2Case).getId());
    assertThat(community).extracting(Task::getProcessDefinitionId).noneMatch(id -> id.startsWith("home-visit:"));
    assertThat(communityCount).isEqualTo(community.size());
    assertThat(mine).extracting(Task::getId).contains(task(grid1Case).getId()).doesNotContain(task(grid2Case).getId());
    // every list and count of the two filters carried the ids (the fourth flag of the interceptor's debug line)
    assertThat(log.list).filteredOn(e -> String.valueOf(e.getArgumentArray()[0]).endsWith("ByQueryCriteria"))
        .hasSizeGreaterThanOrEqualTo(3).allMatch(e -> Boolean.TRUE.equals(e.getArgumentArray()[3]));
  }

  @Test
  @DisplayName("候选组改写后不再 DISTINCT：一个任务有两个相符的候选组，列表和计数里仍只有一次")
  void aTaskWithTwoMatchingGroupsIsListedOnce() {
    String taskId = task(grid1Case).getId();
    organisation.runAsApp(() -> {
      taskService.addCandidateGroup(taskId, "managers");
      return null;
    });
    log.list.clear();

    Supplier<TaskQuery> query = () -> taskService.createTaskQuery().taskCandidateGroupIn(List.of("grid-1", "managers"))
        .includeAssignedTasks();
    List<String> listed = organisation.runAsApp(() -> ids(query.get().orderByDueDate().asc()));
    long counted = organisation.runAsApp(() -> query.get().count());

    assertThat(listed).filteredOn(taskId::equals).hasSize(1);
    assertThat(counted).isEqualTo(listed.size());
    assertThat(log.list).filteredOn(e -> Boolean.TRUE.equals(e.getArgumentArray()[2])).isNotEmpty();
  }

  private String filterId(String key) {
    return configuration.getFilterService().createFilterQuery().list().stream()
        .filter(f -> key.equals(f.getProperties().get("shequKey"))).findFirst().orElseThrow().getId();
  }

  private List<String> rewritten() {
    return log.list.stream().map(e -> String.valueOf(e.getArgumentArray()[0])).toList();
  }

  private ProcessInstance start(String user) {
    return organisation.runAs(user, () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
  }


  private Task task(ProcessInstance pi) {
    return organisation.runAsApp(() -> taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult());
  }

  private <T> T as(String user, Supplier<T> query) {
    return organisation.runAs(user, query);
  }

  private static List<String> ids(TaskQuery query) {
    return query.list().stream().map(Task::getId).toList();
  }

  private Authorization grant(String user, Resources resource, String id, org.camunda.bpm.engine.authorization.Permission permission) {
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(user);
    grant.setResource(resource);
    grant.setResourceId(id);
    grant.addPermission(permission);
    return authorizationService.saveAuthorization(grant);
  }
}
