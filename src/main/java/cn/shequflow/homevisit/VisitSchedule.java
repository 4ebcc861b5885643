package cn.shequflow.homevisit;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.notification.MailService;
import cn.shequflow.organisation.TaskFilterProvisioner;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The visit plan's clock: the plan runs on the first of every month, and a daily sweep marks visits past their due
 * date as overdue (Tasklist's 已逾期) and tells the managers per grid — one query a day instead of a timer per
 * household.
 */
@Component
public class VisitSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(VisitSchedule.class);

  private final VisitPlanner planner;
  private final TaskService taskService;
  private final IdentityService identityService;
  private final MailService mailService;
  private final WorkingDayCalendar workingDays;
  private final String communityName;

  VisitSchedule(VisitPlanner planner, TaskService taskService, IdentityService identityService,
      MailService mailService, WorkingDayCalendar workingDays, @Value("${shequ.community-name}") String communityName) {
    this.planner = planner;
    this.taskService = taskService;
    this.identityService = identityService;
    this.mailService = mailService;
    this.workingDays = workingDays;
    this.communityName = communityName;
  }

  @Scheduled(cron = "${shequ.visits.plan-cron:0 30 1 1 * *}", zone = "Asia/Shanghai")
  public void monthlyPlan() {
    planner.plan(YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(workingDays.zone())));
  }

  /** Marks overdue visit tasks and mails the managers one line per grid; returns how many were newly overdue. */
  @Scheduled(cron = "${shequ.visits.sweep-cron:0 0 8 * * *}", zone = "Asia/Shanghai")
  public int overdueSweep() {
    Date now = ClockUtil.getCurrentTime();
    Map<String, Integer> perGrid = new TreeMap<>();
    List<Task> overdue = taskService.createTaskQuery().processDefinitionKey("home-visit").dueBefore(now).active()
        .list();
    int marked = 0;
    for (Task task : overdue) {
      if ("overdue".equals(taskService.getVariableLocal(task.getId(), TaskFilterProvisioner.DEADLINE_STATE))) {
        continue;
      }
      taskService.setVariableLocal(task.getId(), TaskFilterProvisioner.DEADLINE_STATE, "overdue");
      String grid = (String) taskService.getVariable(task.getId(), "grid");
      perGrid.merge(grid, 1, Integer::sum);
      marked++;
    }
    if (marked > 0) {
      StringBuilder lines = new StringBuilder();
      perGrid.forEach((grid, count) -> lines.append("· ").append(gridName(grid)).append("：").append(count)
          .append(" 户\n"));
      List<String> managers = identityService.createUserQuery().memberOfGroup("managers").list().stream()
          .map(User::getEmail).filter(e -> e != null && !e.isBlank()).toList();
      mailService.send("visit-overdue:" + workingDays.text(now), managers, "visit-overdue",
          Map.of("overdueCount", marked, "overdueByGrid", lines.toString().strip(), "communityName", communityName,
              "signerName", "社区服务流程系统", "signerPost", "自动巡检", "sweptAt", workingDays.text(now)));
    }
    LOG.info("走访逾期巡检：新增逾期 {} 项 {}", marked, perGrid);
    return marked;
  }

  private String gridName(String grid) {
    var group = identityService.createGroupQuery().groupId(grid).singleResult();
    return group == null || group.getName() == null ? grid : group.getName();
  }
}
