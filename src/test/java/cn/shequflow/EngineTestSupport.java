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

  /**
   * For a test that starts a Spring context of its own beside the cached one: free mail ports (SMTP, the demo IMAP)
   * and an engine name of its own, so both contexts can be up at once.
   */
  public static void ownContext(org.springframework.test.context.DynamicPropertyRegistry registry, String engineName) {
    try (java.net.ServerSocket smtp = new java.net.ServerSocket(0);
        java.net.ServerSocket imap = new java.net.ServerSocket(0)) {
      int smtpPort = smtp.getLocalPort();
      int imapPort = imap.getLocalPort();
      registry.add("spring.mail.port", () -> smtpPort);
      registry.add("shequ.demo-mail.imap-port", () -> imapPort);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    registry.add("camunda.bpm.process-engine-name", () -> engineName);
  }

  public static Date shanghai(int year, int month, int day, int hour, int minute) {
    return Date.from(LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant());
  }

  public static void setClock(Date now) {
    ClockUtil.setCurrentTime(now);
  }

  /**
   * Runs what earlier tests left behind in the shared engine (pending mail or archive steps), so a test's own counts
   * start from zero; a leftover that fails is left with its retries used up, out of the way.
   */
  public static void drainLeftovers(ManagementService managementService) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = managementService.createJobQuery().messages().withRetriesLeft().list();
      if (jobs.isEmpty()) {
        return;
      }
      for (Job job : jobs) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException leftoverFailure) {
          managementService.setJobRetries(job.getId(), 0);
        }
      }
    }
  }

  /**
   * Runs the asynchronous steps (mail, archive) of every case until none is left, as the job executor would;
   * returns how many ran. Timers are left alone: tests fire those by moving the clock.
   */
  public static int runAsyncSteps(ManagementService managementService) {
    int ran = 0;
    List<Job> jobs;
    while (!(jobs = managementService.createJobQuery().messages().withRetriesLeft().list()).isEmpty()) {
      for (Job job : jobs) {
        managementService.executeJob(job.getId());
        ran++;
      }
    }
    return ran;
  }

  /**
   * The candidate groups of a task, whether or not it is assigned (camunda-bpm-assert's hasCandidateGroup requires an
   * unassigned task; a case's follow-up tasks are assigned to its holder and keep the grid as candidates).
   */
  public static java.util.Set<String> candidateGroups(org.camunda.bpm.engine.TaskService taskService,
      org.camunda.bpm.engine.task.Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream().map(l -> l.getGroupId())
        .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Executes every timer of the instance (of all instances when null) that is due at the current engine time;
   * returns how many fired.
   */
  public static int fireDueTimers(ManagementService managementService, String processInstanceId) {
    var query = managementService.createJobQuery().timers()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1));
    List<Job> due = (processInstanceId == null ? query : query.processInstanceId(processInstanceId)).list();
    due.forEach(job -> managementService.executeJob(job.getId()));
    return due.size();
  }
}
