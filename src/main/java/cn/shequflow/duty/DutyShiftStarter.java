package cn.shequflow.duty;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * Starts the duty-shift case of each shift at its start (R-4.3-2): a cron at the day and the night start in the
 * calendar's zone (Asia/Shanghai), with the worker and the next worker from the roster. Starting the same shift
 * twice (a restart, a second node) finds the existing case instead of opening another.
 */
@Component
public class DutyShiftStarter implements SchedulingConfigurer {

  static final String PROCESS_KEY = "duty-shift";

  private static final Logger log = LoggerFactory.getLogger(DutyShiftStarter.class);

  private final DutyRoster roster;
  private final DutyProperties properties;
  private final WorkingDayCalendar workingDays;
  private final Organisation organisation;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  DutyShiftStarter(DutyRoster roster, DutyProperties properties, WorkingDayCalendar workingDays,
      Organisation organisation, RuntimeService runtimeService, HistoryService historyService) {
    this.roster = roster;
    this.properties = properties;
    this.workingDays = workingDays;
    this.organisation = organisation;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.schedulerEnabled()) {
      log.warn("应急值班定时任务已关闭（shequ.duty.scheduler-enabled=false）：班次开始时不会创建值班任务");
      return;
    }
    // shift times come from configuration, so the crons are built here rather than written in an annotation
    for (LocalTime start : new LocalTime[] {properties.dayStarts(), properties.nightStarts()}) {
      String cron = "0 " + start.getMinute() + " " + start.getHour() + " * * *";
      registrar.addCronTask(new CronTask(this::startCurrentShift, new CronTrigger(cron, workingDays.zone())));
    }
  }

  private void startCurrentShift() {
    try {
      startShiftAt(ClockUtil.getCurrentTime().toInstant());
    } catch (RuntimeException e) {
      log.error("应急值班班次启动失败：{}", e.getMessage(), e);
    }
  }

  /**
   * Starts (or finds) the case of the shift on duty at {@code time}; empty when the roster has nobody then (the
   * roster warns). Returns the process instance id.
   */
  public Optional<String> startShiftAt(Instant time) {
    Optional<Shift> found = roster.shiftAt(time);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Shift shift = found.get();
    HistoricProcessInstance existing = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKeyIn(shift.key(), shift.legacyKey()).singleResult();
    if (existing != null) {
      log.info("值班班次 {} 已经开始（流程实例 {}），不再重复创建", shift.key(), existing.getId());
      return Optional.of(existing.getId());
    }
    Optional<Shift> next = roster.next(shift);
    Date shiftEnd = Date.from(shift.end());
    Date handoverDue = Date.from(shift.end().plus(properties.handoverWithin()));
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", shift.key());
    variables.put("shiftDate", shift.date().toString());
    variables.put("shift", shift.shift());
    variables.put("shiftName", shift.shiftName());
    variables.put("shiftNote", shift.note());
    variables.put("dutyWorker", shift.worker());
    variables.put("dutyWorkerName", organisation.displayName(shift.worker()));
    variables.put("shiftStartAt", Date.from(shift.start()));
    variables.put("shiftEndAt", shiftEnd);
    variables.put("shiftPeriodText", workingDays.text(Date.from(shift.start())) + " 至 " + workingDays.text(shiftEnd));
    // without a next shift in the roster the handover task is unassigned and offered to the managers instead
    variables.put("nextWorker", next.map(Shift::worker).orElse(null));
    variables.put("nextWorkerName", next.map(s -> organisation.displayName(s.worker())).orElse("（排班表未排下一班，请书记/主任安排接班）"));
    variables.put("handoverDueAt", handoverDue);
    variables.put("handoverDueText", workingDays.text(handoverDue));
    variables.put("shiftEvents", "");
    variables.put("eventCount", 0);
    // declared, so the gateway after 值班记录 can read it even when a completion (REST) omits it
    variables.put("eventType", null);
    // started as the app: duty-shift refuses a start by a logged-in user (issue 10 item 3)
    String id = organisation.runAsApp(
        () -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, shift.key(), variables).getId());
    log.info("应急值班 {} 开始：{} {}，值班人员 {}，接班人员 {}", shift.key(), shift.date(), shift.shiftName(),
        shift.worker(), next.map(Shift::worker).orElse("（无）"));
    return Optional.of(id);
  }
}
