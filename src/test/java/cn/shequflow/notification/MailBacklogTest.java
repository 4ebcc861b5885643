package cn.shequflow.notification;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import com.icegreen.greenmail.util.GreenMail;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import cn.shequflow.reception.ReceptionInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A backlog of due reminder timers and the mail jobs they start, run from as many threads as the connection pool
 * has connections (more than the job executor ever runs): no job waits for a second connection, every mail goes
 * out exactly once, against GreenMail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MailBacklogTest {

  private static final int CASES = 60;

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired GreenMail greenMail;

  @BeforeEach
  void init() throws Exception {
    drainLeftovers(managementService);
    greenMail.purgeEmailFromAllMailboxes();
    setClock(shanghai(2026, 9, 30, 10, 0));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("积压的到期提醒和邮件任务并发执行：不因缺少数据库连接而失败，每封邮件恰好发送一次")
  void backlogOfRemindersAndMails_needsNoSecondConnection_andSendsEveryMailOnce() throws Exception {
    // given: letters waiting with zhangwei, all reminded on 10 October at 9:00
    Map<String, String> caseNumbers = new HashMap<>();
    for (int i = 0; i < CASES; i++) {
      ProcessInstance pi = organisation.runAs("zhangwei",
          () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
      taskService.claim(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
          "zhangwei");
      caseNumbers.put(pi.getId(), pi.getBusinessKey());
    }
    int poolSize = ((HikariDataSource) dataSource).getMaximumPoolSize();
    int loggedBefore = jdbc.queryForObject("select count(*) from mail_log", Integer.class);
    setClock(shanghai(2026, 10, 10, 9, 0));

    // when: the timers and then the mail jobs they leave run on poolSize threads at once
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    int timers = runConcurrently(poolSize, caseNumbers.keySet(), failures);
    int mails = runConcurrently(poolSize, caseNumbers.keySet(), failures);

    // then
    assertThat(failures).isEmpty();
    assertThat(timers).isEqualTo(CASES);
    assertThat(mails).isEqualTo(CASES);
    assertThat(managementService.createJobQuery().withException().list())
        .noneMatch(job -> caseNumbers.containsKey(job.getProcessInstanceId()));
    MimeMessage[] received = greenMail.getReceivedMessagesForDomain("zhangwei@shequ.example");
    Map<String, Long> mailsPerCase = new HashMap<>();
    for (MimeMessage mail : received) {
      caseNumbers.values().stream().filter(mail.getSubject()::contains)
          .forEach(number -> mailsPerCase.merge(number, 1L, Long::sum));
    }
    assertThat(mailsPerCase).hasSize(CASES).allSatisfy((number, count) -> assertThat(count).as(number).isOne());
    assertThat(jdbc.queryForObject("select count(*) from mail_log", Integer.class)).isEqualTo(loggedBefore + CASES);
  }

  /** Runs, on that many threads, every job of the instances that is executable now; returns how many ran. */
  private int runConcurrently(int threads, Set<String> instances, List<Throwable> failures) throws Exception {
    Date now = new Date(ClockUtil.getCurrentTime().getTime() + 1);
    List<Job> due = managementService.createJobQuery().withRetriesLeft().list().stream()
        .filter(job -> instances.contains(job.getProcessInstanceId()))
        .filter(job -> job.getDuedate() == null || job.getDuedate().before(now))
        .toList();
    // one job per instance at a time (the executor's exclusive jobs): no optimistic-locking noise in the count
    assertThat(due.stream().collect(Collectors.groupingBy(Job::getProcessInstanceId, Collectors.counting())))
        .allSatisfy((instance, count) -> assertThat(count).isOne());
    ConcurrentLinkedQueue<String> queue = due.stream().map(Job::getId)
        .collect(Collectors.toCollection(ConcurrentLinkedQueue::new));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(() -> {
          String jobId;
          while ((jobId = queue.poll()) != null) {
            try {
              managementService.executeJob(jobId);
            } catch (RuntimeException e) {
              failures.add(e);
            }
          }
        }));
      }
      for (Future<?> thread : running) {
        thread.get();
      }
    } finally {
      pool.shutdown();
    }
    return due.size();
  }


}
