package cn.shequflow.deadline;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.EngineTestSupport;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15 item 2: when the analyst adds a year or corrects a day of the holiday table and redeploys, open deadlines
 * computed from working days move — variables, open tasks, timers, the register — with a line on the case and a notice
 * to the holder. The context reads a temporary copy of config/working-days.csv (the shipped file is never touched);
 * each test starts from the shipped table and puts it back after.
 */
@SpringBootTest
@ActiveProfiles("test")
// its own engine on its own mail ports (a holiday file of its own), closed after the class
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadlineRecomputeTest {

  private static final Path SHIPPED = Path.of("config/working-days.csv");
  private static final Path TABLE;

  /** 2027 as the State Council might arrange it: New Year 01-01 to 01-03, Monday 01-04 a 调休 day off. */
  private static final String YEAR_2027 = """
      2027-01-01,holiday,元旦
      2027-01-02,holiday,元旦
      2027-01-03,holiday,元旦
      2027-01-04,holiday,元旦调休
      2027-01-09,workday,元旦调休上班
      """;

  static {
    try {
      TABLE = Files.createTempFile("working-days-", ".csv");
      Files.copy(SHIPPED, TABLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("shequ.calendar.file", TABLE::toString);
    EngineTestSupport.ownContext(registry, "recompute");
  }

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired DeadlineRecompute recompute;
  @Autowired CaseHistory caseHistory;
  @Autowired JdbcTemplate jdbc;
  @Autowired GreenMail greenMail;

  private final List<String> started = new ArrayList<>();

  @BeforeEach
  void init() throws Exception {
    drainLeftovers(managementService);
    greenMail.purgeEmailFromAllMailboxes();
    setClock(shanghai(2026, 12, 30, 10, 0)); // Wednesday
  }

  @AfterEach
  void restoreShippedTable() throws IOException {
    started.forEach(id -> runtimeService.deleteProcessInstanceIfExists(id, "测试结束", true, true, true, false));
    Files.copy(SHIPPED, TABLE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    workingDays.reload();
    ClockUtil.reset();
  }

  @AfterAll
  static void deleteTable() throws IOException {
    Files.deleteIfExists(TABLE);
  }

  @Test
  @DisplayName("issue 15 第2项：补充2027年安排并重新加载后，开放任务、定时器、变量、台账的期限随之改变，案件记录并通知经办人")
  void adding2027_movesTaskTimerVariableAndRegister_recordsAndTells_issue15_2() throws Exception {
    // given: the shipped table has no 2027 rows, a letter received Wed 2026-12-30 is due 2027-01-05 17:00, 暂定
    ProcessInstance pi = letter(shanghai(2026, 12, 30, 10, 0));
    Task task = openTask(pi);
    assertThat(task.getDueDate()).isEqualTo(shanghai(2027, 1, 5, 17, 0));
    assertThat(runtimeService.getVariable(pi.getId(), "calendarWarning")).asString().contains("2027年");
    assertThat(timerDueDates(pi)).contains(shanghai(2027, 1, 5, 9, 0), shanghai(2027, 1, 5, 17, 0));
    assertThat(registerDue(pi)).isEqualTo(shanghai(2027, 1, 5, 17, 0));
    // one row per computed date: reply deadline, catalogue deadline, the reply task's reminder
    assertThat(rows(pi)).isEqualTo(3);

    // when: the analyst adds 2027 (01-04 a day off) and redeploys
    addRows(YEAR_2027);
    workingDays.reload();

    // then: day 2 is 01-05 now, day 3 01-06; the reminder follows its deadline
    Date moved = shanghai(2027, 1, 6, 17, 0);
    assertThat(openTask(pi).getDueDate()).isEqualTo(moved);
    assertThat(timerDueDates(pi)).contains(shanghai(2027, 1, 6, 9, 0), moved)
        .doesNotContain(shanghai(2027, 1, 5, 9, 0), shanghai(2027, 1, 5, 17, 0));
    assertThat(runtimeService.getVariable(pi.getId(), "replyDueAt")).isEqualTo(moved);
    assertThat(runtimeService.getVariable(pi.getId(), "catalogueDueAt")).isEqualTo(moved);
    assertThat(runtimeService.getVariable(pi.getId(), "replyDueText")).isEqualTo("2027年1月6日 17:00");
    assertThat(runtimeService.getVariable(pi.getId(), "calendarWarning")).isNull(); // no longer 暂定
    assertThat(registerDue(pi)).isEqualTo(moved);
    assertThat(registerColumn(pi, "first_response_due_at")).isEqualTo(moved);
    assertThat(notes(pi)).containsExactly("期限因节假日安排调整，由 2027-01-05 17:00 改为 2027-01-06 17:00");
    MimeMessage[] mails = greenMail.getReceivedMessagesForDomain("zhangwei@shequ.example");
    assertThat(mails).extracting(MimeMessage::getSubject)
        .containsExactly("【期限调整】事项 " + pi.getBusinessKey() + " 的期限已调整");
    assertThat(((String) mails[0].getContent()).replace("\r", ""))
        .contains("“受理并答复居民”", "由 2027年1月5日 17:00 改为 2027年1月6日 17:00");
  }

  @Test
  @DisplayName("issue 15 第2项：更正2027年的某一天，只改变受影响的期限，其他期限不变")
  void correctingOneDay_movesOnlyTheAffectedDeadlines_issue15_2() throws Exception {
    // given: 2027 entered; a letter of 12-30 (due 01-06) and one of Mon 2027-01-11 (due Thu 01-14)
    addRows(YEAR_2027);
    workingDays.reload();
    ProcessInstance early = letter(shanghai(2026, 12, 30, 10, 0));
    setClock(shanghai(2027, 1, 11, 10, 0));
    ProcessInstance later = letter(shanghai(2027, 1, 11, 10, 0));
    assertThat(openTask(early).getDueDate()).isEqualTo(shanghai(2027, 1, 6, 17, 0));
    assertThat(openTask(later).getDueDate()).isEqualTo(shanghai(2027, 1, 14, 17, 0));
    List<Date> earlyTimers = timerDueDates(early);

    // when: a correction makes Wed 2027-01-13 a day off
    addRows("2027-01-13,holiday,更正\n");
    DeadlineRecompute.Summary summary = recompute.recomputeAll();
    workingDays.reload();

    // then: only the later letter moves (its reply and catalogue deadline: 01-14 → 01-15), the early one not at all
    assertThat(openTask(later).getDueDate()).isEqualTo(shanghai(2027, 1, 15, 17, 0));
    assertThat(timerDueDates(later)).contains(shanghai(2027, 1, 15, 9, 0), shanghai(2027, 1, 15, 17, 0));
    assertThat(notes(later)).containsExactly("期限因节假日安排调整，由 2027-01-14 17:00 改为 2027-01-15 17:00");
    assertThat(openTask(early).getDueDate()).isEqualTo(shanghai(2027, 1, 6, 17, 0));
    assertThat(timerDueDates(early)).containsExactlyInAnyOrderElementsOf(earlyTimers);
    assertThat(notes(early)).isEmpty();
    assertThat(summary.moved()).isZero(); // computed before the reload: the old table, nothing to move
  }

  @Test
  @DisplayName("issue 15 第2项：再次重新加载同一张表不做任何改变；有误的表被拒绝，期限不变")
  void secondReloadChangesNothing_brokenTableIsRefused_issue15_2() throws Exception {
    // given: 2027 added and reloaded once
    ProcessInstance pi = letter(shanghai(2026, 12, 30, 10, 0));
    addRows(YEAR_2027);
    workingDays.reload();
    Date due = openTask(pi).getDueDate();
    List<Date> timers = timerDueDates(pi);
    int mails = greenMail.getReceivedMessages().length;

    // when: reloaded again with the same table
    DeadlineRecompute.Summary again = recompute.recomputeAll();
    workingDays.reload();

    // then: nothing moves, nothing more is written or sent
    assertThat(again.moved()).isZero();
    assertThat(again.tasks() + again.timers() + again.variables() + again.registerRows()).isZero();
    assertThat(openTask(pi).getDueDate()).isEqualTo(due);
    assertThat(timerDueDates(pi)).containsExactlyInAnyOrderElementsOf(timers);
    assertThat(notes(pi)).hasSize(1);
    assertThat(greenMail.getReceivedMessages()).hasSize(mails);

    // when: the analyst saves a broken table (a typo in a date)
    Files.writeString(TABLE, "date,type,note\n2027-13-01,holiday,元旦\n", StandardCharsets.UTF_8);

    // then: the reload is refused and the deadlines stay as they are
    assertThatThrownBy(() -> workingDays.reload()).isInstanceOf(IllegalStateException.class).hasMessageContaining("第2行");
    assertThat(openTask(pi).getDueDate()).isEqualTo(due);
    assertThat(notes(pi)).hasSize(1);
  }

  @Test
  @DisplayName("issue 15 第2项：案件结束后其期限记录被删除")
  void closedCase_leavesNoRows_issue15_2() {
    ProcessInstance pi = start(ReceptionInput.of("visit"));
    // reply deadline (same day), catalogue deadline, the reply reminder: 3 inserts; the close: 1 delete
    assertThat(rows(pi)).isEqualTo(3);

    taskService.complete(openTask(pi).getId(), Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(rows(pi)).isZero();
  }

  @Test
  @DisplayName("issue 15 第2项、R-4.2-4：待触发的按工作日催办周期也随节假日表改变，触发后下一次按新表计算")
  void pendingWorkingDayChase_movesWithTheTable_andItsNextOccurrenceCountsTheNewTable_issue15_2() throws Exception {
    // given: an internal report to the street office on Wed 2026-12-30 10:00; chase every 2 working days, 3 times
    Map<String, Object> input = new java.util.HashMap<>(Map.of("caseNumber", "ZB-TEST-RC1", "firstResponder",
        "wangfang", "grid", "grid-3", "categoryName", "突发事件：停水", "reportReason", "5号楼停水，已通知物业",
        "timeLimitDays", 5, "escalationTarget", "street-office", "internalReport", true));
    ProcessInstance escalation = runtimeService.startProcessInstanceByKey("escalation", "ZB-TEST-RC1", input);
    started.add(escalation.getId());
    // the statute's 2027: 12-31, (01-01 off), 01-04
    assertThat(chase(escalation).getDuedate()).isEqualTo(shanghai(2027, 1, 4, 10, 0));

    // when: 2027 is entered with 01-04 off
    addRows(YEAR_2027);
    workingDays.reload();

    // then: the pending chase moves to 01-05 10:00; firing it there, the next one counts the new table (01-07)
    assertThat(chase(escalation).getDuedate()).isEqualTo(shanghai(2027, 1, 5, 10, 0));
    setClock(shanghai(2027, 1, 5, 10, 0));
    managementService.executeJob(chase(escalation).getId());
    assertThat(chase(escalation).getDuedate()).isEqualTo(shanghai(2027, 1, 7, 10, 0));
    // and the re-evaluated chase is recorded too, so a later change of the table moves it again
    assertThat(jdbc.queryForObject("select count(*) from working_day_date where process_instance_id = ? "
        + "and kind = 'CYCLE' and result_at = ?", Integer.class, escalation.getId(),
        new java.sql.Timestamp(shanghai(2027, 1, 7, 10, 0).getTime()))).isEqualTo(1);
  }

  private Job chase(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).activityId("BoundaryEvent_ChaseStreetOffice")
        .timers().singleResult();
  }

  private ProcessInstance letter(Date receivedAt) {
    Map<String, Object> input = ReceptionInput.of("letter");
    input.put("receivedAt", receivedAt);
    input.put("category", "environment-complaint"); // 3 working days to finish: the register's deadline moves too
    return start(input);
  }

  private ProcessInstance start(Map<String, Object> input) {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", input));
    started.add(pi.getId());
    return pi;
  }

  private Task openTask(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  private List<Date> timerDueDates(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .map(job -> new Date(job.getDuedate().getTime())).toList();
  }

  private Date registerDue(ProcessInstance pi) {
    return registerColumn(pi, "due_at");
  }

  private Date registerColumn(ProcessInstance pi, String column) {
    Date value = jdbc.queryForObject("select " + column + " from case_register where case_number = ?", Date.class,
        pi.getBusinessKey());
    return value == null ? null : new Date(value.getTime());
  }

  private int rows(ProcessInstance pi) {
    return jdbc.queryForObject("select count(*) from working_day_date where process_instance_id = ?", Integer.class,
        pi.getId());
  }

  /** The case's notes as its history shows them. */
  private List<String> notes(ProcessInstance pi) {
    return caseHistory.of(caseHistory.rootOf(pi.getId())).steps().stream()
        .filter(s -> CaseHistory.NOTE.equals(s.name())).map(s -> s.entered().get("内容")).toList();
  }

  private static void addRows(String rows) throws IOException {
    Files.writeString(TABLE, rows, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }
}
