package cn.shequflow.organisation;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.reception.ReceptionInput;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Issue 13 item 2: the Tasklist filters show what is due first, cases apart from visits, supervision apart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskFiltersTest {

  @Autowired TaskFilterProvisioner provisioner;
  @Autowired FilterService filterService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;

  @BeforeEach
  void wednesdayMorning() {
    setClock(shanghai(2026, 9, 30, 10, 0));
    provisioner.provision();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-1 本网格待办：先到期的在前，即使任务列表按创建时间排序；不含走访")
  void gridList_putsWhatIsDueFirstAndHoldsNoVisits() {
    String sameDay = start("visit");   // due today 17:00
    String letter = start("letter");   // due 10 October, created later
    String phone = start("phone");     // due today 17:00, created last

    // Tasklist asks with its own sorting (newest first); the filter's due-first ordering still leads
    List<Task> tasks = filterService.list(filter("grid/grid-1").getId(),
        taskService.createTaskQuery().orderByTaskCreateTime().desc());
    List<String> ours = tasks.stream().map(Task::getProcessInstanceId)
        .filter(List.of(sameDay, letter, phone)::contains).toList();
    assertThat(ours.indexOf(letter)).isGreaterThan(ours.indexOf(sameDay)).isGreaterThan(ours.indexOf(phone));
    assertThat(tasks).allSatisfy(t -> assertThat(processKey(t)).isNotEqualTo("home-visit"));
    assertThat(tasks).extracting(Task::getDueDate).isSortedAccordingTo(
        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
  }

  @Test
  @DisplayName("R-4.2-1 今日到期：只含今天到期的事项，日期随日子更新")
  void dueToday_holdsTodaysDeadlinesAndMovesOnWithTheDate() {
    String sameDay = start("visit");
    String letter = start("letter");

    assertThat(instancesIn("due-today")).contains(sameDay).doesNotContain(letter);

    setClock(shanghai(2026, 10, 10, 9, 0)); // the letter's day
    provisioner.provision();
    assertThat(instancesIn("due-today")).contains(letter).doesNotContain(sameDay);
  }

  @Test
  @DisplayName("R-4.2-1 逾期督办只含督办任务；全社区待办不含走访")
  void superviseHoldsSupervisionOnly_andTheCommunityListHoldsNoVisits() {
    String complaint = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("complaint",
        Map.of("kind", "complaint", "channel", "phone", "complainantName", "赵大爷", "complainantPhone", "13941400003",
            "content", "楼道灯坏了没人修")).getId());

    assertThat(instancesIn("supervise")).doesNotContain(complaint);
    assertThat(filterService.list(filter("supervise").getId())).allSatisfy(t -> assertThat(((Task) t)
        .getTaskDefinitionKey()).startsWith("Task_Supervise"));
    assertThat(instancesIn("all")).contains(complaint);
    assertThat(filterService.<Task>list(filter("all").getId()))
        .allSatisfy(t -> assertThat(processKey(t)).isNotEqualTo("home-visit"));
  }

  @Test
  @DisplayName("旧版本建立的筛选器在原处更新（同一 id、同样的授权）")
  void aFilterOfAnOlderVersionIsUpdatedInPlace() {
    Filter grid = filter("grid/grid-1");
    Map<String, Object> old = new java.util.LinkedHashMap<>(grid.getProperties());
    old.put(TaskFilterProvisioner.VERSION_KEY, 1);
    filterService.saveFilter(grid.setProperties(old).setQuery(taskService.createTaskQuery().taskCandidateGroup("grid-1")));

    provisioner.provision();

    Filter updated = filter("grid/grid-1");
    assertThat(updated.getId()).isEqualTo(grid.getId());
    assertThat(updated.getProperties()).containsEntry(TaskFilterProvisioner.VERSION_KEY, TaskFilterProvisioner.VERSION);
    assertThat(((org.camunda.bpm.engine.impl.TaskQueryImpl) updated.getQuery()).getProcessDefinitionKeys())
        .contains("reception").doesNotContain("home-visit");
  }

  private String start(String channel) {
    return organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of(channel)).getId());
  }

  private List<String> instancesIn(String key) {
    return filterService.<Task>list(filter(key).getId()).stream().map(Task::getProcessInstanceId).toList();
  }

  private Filter filter(String key) {
    return filterService.createFilterQuery().list().stream()
        .filter(f -> key.equals(f.getProperties().get(TaskFilterProvisioner.KEY))).findFirst().orElseThrow();
  }

  private String processKey(Task task) {
    return task.getProcessDefinitionId().split(":")[0];
  }
}
