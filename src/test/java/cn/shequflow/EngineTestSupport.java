package cn.shequflow;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Moves the engine clock and fires the timers that are due, so no test ever sleeps. */
public final class EngineTestSupport {

  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private EngineTestSupport() {}

  public static Date shanghai(int year, int month, int day, int hour, int minute) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant());
  }

  public static void setClock(Date now) {
    ClockUtil.setCurrentTime(now);
  }

  /** Executes every timer of the instance that is due at the current engine time; returns how many fired. */
  public static int fireDueTimers(ManagementService managementService, String processInstanceId) {
    List<Job> due = managementService.createJobQuery().processInstanceId(processInstanceId).timers()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1)).list();
    due.forEach(job -> managementService.executeJob(job.getId()));
    return due.size();
  }
}
