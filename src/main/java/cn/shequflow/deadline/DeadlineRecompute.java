package cn.shequflow.deadline;

import cn.shequflow.calendar.ComputedDate;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.calendar.WorkingDayCycle;
import cn.shequflow.calendar.WorkingDaysReloaded;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.notification.InternalNotice;
import cn.shequflow.notification.InternalNotices;
import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the recorded working-day dates of the running cases again when the holiday table is (re)loaded — at start
 * and at the admin's redeploy — and moves every date that changed wherever its process instance holds it: Date
 * variables holding exactly the old date (and text variables holding its 中文 text), open tasks' due dates, pending
 * timers' due dates, the case register's deadlines. Each move is written on the case ("期限因节假日安排调整，由 … 改为 …",
 * a process instance comment that {@code CaseHistory} shows) and the holder of a moved task is told.
 *
 * <p>A reminder follows its deadline (its "from" is the deadline's old value); a date that depended on another
 * (fromNowNotBefore's lower bound) takes the other's new value. A date already past is left alone: its reminders and
 * escalations have happened. Idempotent: the ledger keeps the new values, so a second reload moves nothing. The
 * cases go in batches of {@link #BATCH} process instances, each batch its own transaction.
 */
@Component("deadlineRecompute")
public class DeadlineRecompute {

  /** Process instances per transaction. */
  static final int BATCH = 100;
  static final String HISTORY_LINE = "期限因节假日安排调整，由 %s 改为 %s";
  static final String HISTORY_PREFIX = "期限因节假日安排调整";
  static final String NOTICE_TEMPLATE = "deadline-moved";
  static final String CALENDAR_WARNING = "calendarWarning";
  private static final DateTimeFormatter LINE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int ATTEMPTS = 3;
  private static final Logger log = LoggerFactory.getLogger(DeadlineRecompute.class);

  /** What one recompute did. */
  public record Summary(int instances, int moved, int tasks, int timers, int variables, int registerRows,
      int ended) {

    Summary plus(Summary o) {
      return new Summary(instances + o.instances, moved + o.moved, tasks + o.tasks, timers + o.timers,
          variables + o.variables, registerRows + o.registerRows, ended + o.ended);
    }
  }

  private record Row(long id, String processInstanceId, String caseNumber, ComputedDate date) {}

  /** A date's new value; a deadline's move is written on the case, a reminder's or a cycle's only follows. */
  private record Move(Date fresh, boolean deadline) {

    Move earlier(Move other) {
      return new Move(fresh.before(other.fresh) ? fresh : other.fresh, deadline || other.deadline);
    }
  }

  private final JdbcTemplate jdbc;
  private final WorkingDayCalendar calendar;
  private final WorkingDayCycle cycle;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;
  private final InternalNotices notices;
  private final Organisation organisation;
  private final TransactionTemplate batchTransaction;

  DeadlineRecompute(JdbcTemplate jdbc, WorkingDayCalendar calendar, WorkingDayCycle cycle,
      RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
      IdentityService identityService, InternalNotices notices, Organisation organisation,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.calendar = calendar;
    this.cycle = cycle;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.identityService = identityService;
    this.notices = notices;
    this.organisation = organisation;
    this.batchTransaction = new TransactionTemplate(transactions);
    this.batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** When the app is ready (models deployed, mail up): the table may have changed while the app was down. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(10)
  public void onStart() {
    recomputeLogged("启动");
  }

  /** After a successful reload of the holiday table (a broken table is refused before this: nothing moves). */
  @EventListener
  public void onReload(WorkingDaysReloaded reloaded) {
    recomputeLogged("重新加载（" + reloaded.source() + "）");
  }

  private void recomputeLogged(String why) {
    try {
      long started = System.nanoTime();
      Summary s = recomputeAll();
      log.info("节假日表{}后重算期限：检查 {} 个运行中的流程实例，{} 个期限改变（任务 {}，定时器 {}，变量 {}，台账 {}），"
          + "清理已结束实例 {} 个，用时 {} 毫秒", why, s.instances(), s.moved(), s.tasks(), s.timers(), s.variables(),
          s.registerRows(), s.ended(), (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      // the table is in use already; the next reload computes again (idempotent)
      log.error("节假日表{}后重算期限失败，下次重新加载时再算：{}", why, e.getMessage(), e);
    }
  }

  /** Every recorded date of every running process instance, batch by batch. */
  public synchronized Summary recomputeAll() {
    Summary total = new Summary(0, 0, 0, 0, 0, 0, 0);
    String after = "";
    while (true) {
      List<String> ids = jdbc.queryForList("select distinct process_instance_id from working_day_date "
          + "where process_instance_id > ? order by process_instance_id fetch first " + BATCH + " rows only",
          String.class, after);
      if (ids.isEmpty()) {
        return total;
      }
      total = total.plus(batchWithRetry(ids));
      after = ids.get(ids.size() - 1);
    }
  }

  private Summary batchWithRetry(List<String> ids) {
    for (int attempt = 1; ; attempt++) {
      List<InternalNotice> tell = new ArrayList<>();
      try {
        Summary done = batchTransaction.execute(status -> batch(ids, tell));
        tell.forEach(this::send);
        return done;
      } catch (RuntimeException e) {
        // a worker or the job executor changed one of the cases meanwhile (optimistic locking): compute again
        if (attempt == ATTEMPTS) {
          log.error("重算期限：{} 个流程实例（{} 起）{} 次均失败，跳过，下次重新加载时再算", ids.size(), ids.get(0),
              ATTEMPTS, e);
          return new Summary(0, 0, 0, 0, 0, 0, 0);
        }
        log.warn("重算期限：{} 个流程实例（{} 起）第 {} 次失败，重试：{}", ids.size(), ids.get(0), attempt, e.getMessage());
      }
    }
  }

  /**
   * A notice after its batch committed, in a transaction of its own: a mail server that is down loses the notice
   * (logged), never the moved deadlines.
   */
  private void send(InternalNotice notice) {
    try {
      batchTransaction.executeWithoutResult(status -> notices.send(notice));
    } catch (RuntimeException e) {
      log.error("期限调整通知 {} 未能发送：{}", notice.eventKey(), e.getMessage(), e);
    }
  }

  private Summary batch(List<String> ids, List<InternalNotice> tell) {
    Date now = ClockUtil.getCurrentTime();
    Map<String, ProcessInstance> running = runtimeService.createProcessInstanceQuery()
        .processInstanceIds(new HashSet<>(ids)).list().stream()
        .collect(Collectors.toMap(ProcessInstance::getId, p -> p));
    List<String> ended = ids.stream().filter(id -> !running.containsKey(id)).toList();
    if (!ended.isEmpty()) {
      jdbc.update("delete from working_day_date where process_instance_id in (" + marks(ended.size()) + ")",
          ended.toArray());
    }
    if (running.isEmpty()) {
      return new Summary(0, 0, 0, 0, 0, 0, ended.size());
    }
    Map<String, List<Row>> rows = rowsOf(running.keySet());
    // instance → old date (millis) → new date
    Map<String, Map<Long, Move>> changes = new LinkedHashMap<>();
    Map<String, List<Date>> dates = new HashMap<>(); // instance → its recorded dates as they are now
    rows.forEach((instance, list) -> {
      Map<Long, Move> moved = recompute(list, now, dates.computeIfAbsent(instance, k -> new ArrayList<>()));
      if (!moved.isEmpty()) {
        changes.put(instance, moved);
      }
    });
    Map<String, Set<String>> touched = new HashMap<>(); // instance → "old→new" lines applied somewhere
    int variables = warnings(running.keySet(), dates, changes.keySet());
    if (changes.isEmpty()) {
      return new Summary(running.size(), 0, 0, 0, variables, 0, ended.size());
    }
    variables += moveVariables(changes, touched);
    int tasks = moveTasks(changes, touched, running, tell);
    int timers = moveTimers(changes, touched);
    int register = moveRegister(changes, touched, running);
    touched.forEach((instance, lines) -> lines.forEach(line -> taskService.createComment(null, instance, line)));
    int moved = changes.values().stream().mapToInt(Map::size).sum();
    return new Summary(running.size(), moved, tasks, timers, variables, register, ended.size());
  }

  private Map<String, List<Row>> rowsOf(Set<String> instances) {
    Map<String, List<Row>> rows = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(instances);
    jdbc.query("select id, process_instance_id, case_number, kind, from_at, working_days, not_before, result_at "
        + "from working_day_date where process_instance_id in (" + marks(ids.size()) + ") "
        + "order by process_instance_id, id", rs -> {
          Number days = (Number) rs.getObject("working_days");
          ComputedDate date = new ComputedDate(ComputedDate.Kind.valueOf(rs.getString("kind")),
              date(rs.getTimestamp("from_at")), days == null ? null : days.longValue(),
              date(rs.getTimestamp("not_before")), date(rs.getTimestamp("result_at")));
          rows.computeIfAbsent(rs.getString("process_instance_id"), k -> new ArrayList<>())
              .add(new Row(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("case_number"),
                  date));
        }, ids.toArray());
    return rows;
  }

  /**
   * Computes an instance's dates again in the order they were computed, each from inputs corrected by the moves before
   * it; updates the ledger; returns old → new for the dates that moved, and adds the instance's dates as they are
   * now (inputs and results) to {@code current}.
   */
  private Map<Long, Move> recompute(List<Row> rows, Date now, List<Date> current) {
    Map<Long, Move> moved = new LinkedHashMap<>();
    for (Row row : rows) {
      ComputedDate old = row.date();
      Date fresh = recomputed(row, now, moved);
      current.add(movedTo(moved, old.from()));
      current.add(fresh == null ? old.result() : fresh);
      if (fresh != null && !fresh.equals(old.result())) {
        boolean deadline = old.kind() != ComputedDate.Kind.REMINDER && old.kind() != ComputedDate.Kind.CYCLE;
        // two dates equal before and apart now: the instance cannot tell which it holds, the earlier is safe
        moved.merge(old.result().getTime(), new Move(fresh, deadline), Move::earlier);
      }
    }
    return moved;
  }

  /** The row's date computed again and written to the ledger, or null when it stays as it is. */
  private Date recomputed(Row row, Date now, Map<Long, Move> moved) {
    ComputedDate old = row.date();
    if (!old.result().after(now)) {
      return null; // past: its consequences (reminder, overdue, escalation) have happened
    }
    Date from = movedTo(moved, old.from());
    Date notBefore = old.notBefore() == null ? null : movedTo(moved, old.notBefore());
    boolean inputsMoved = !from.equals(old.from()) || !Objects.equals(notBefore, old.notBefore());
    if (old.kind() == ComputedDate.Kind.REMINDER && !inputsMoved) {
      return null; // a reminder depends on its deadline only (and on the clock when it was placed)
    }
    ComputedDate input = new ComputedDate(old.kind(), from, old.workingDays(), notBefore, old.result());
    Date fresh = old.kind() == ComputedDate.Kind.CYCLE ? cycle.recompute(input) : calendar.recompute(input);
    if (fresh.equals(old.result()) && !inputsMoved) {
      return null;
    }
    jdbc.update("update working_day_date set from_at = ?, not_before = ?, result_at = ? where id = ?",
        DeadlineLedger.timestamp(from), DeadlineLedger.timestamp(notBefore), DeadlineLedger.timestamp(fresh),
        row.id());
    return fresh;
  }

  private static Date movedTo(Map<Long, Move> moved, Date date) {
    Move move = moved.get(date.getTime());
    return move == null ? date : move.fresh();
  }

  /**
   * The calendar warning (暂定) of the reception form: computed again over the instance's recorded dates when the
   * instance shows one, or when its dates moved; set only where it differs. Returns how many were set.
   */
  private int warnings(Set<String> running, Map<String, List<Date>> dates, Set<String> moved) {
    int set = 0;
    for (VariableInstance warning : runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(running.toArray(String[]::new)).variableName(CALENDAR_WARNING)
        .disableCustomObjectDeserialization().list()) {
      Object current = warning.getValue();
      boolean shown = current instanceof String text && !text.isBlank();
      if (!shown && !moved.contains(warning.getProcessInstanceId())) {
        continue;
      }
      String recomputed = calendar.coverageWarning(
          dates.getOrDefault(warning.getProcessInstanceId(), List.of()).toArray(Date[]::new));
      if (!Objects.equals(recomputed, shown ? current : null)) {
        setVariable(warning, recomputed);
        set++;
      }
    }
    return set;
  }

  private int moveVariables(Map<String, Map<Long, Move>> changes, Map<String, Set<String>> touched) {
    int set = 0;
    for (VariableInstance variable : runtimeService.createVariableInstanceQuery()
        .processInstanceIdIn(changes.keySet().toArray(String[]::new)).disableCustomObjectDeserialization().list()) {
      Map<Long, Move> moved = changes.get(variable.getProcessInstanceId());
      Object value = variable.getValue();
      if (value instanceof Date old && moved.containsKey(old.getTime())) {
        Move move = moved.get(old.getTime());
        setVariable(variable, move.fresh());
        line(touched, variable.getProcessInstanceId(), old, move);
        set++;
      } else if (value instanceof String text && !text.isEmpty()) {
        // replyDueText and the like: the date as workers and residents read it
        for (Map.Entry<Long, Move> move : moved.entrySet()) {
          if (text.equals(calendar.text(new Date(move.getKey())))) {
            setVariable(variable, calendar.text(move.getValue().fresh()));
            set++;
            break;
          }
        }
      }
    }
    return set;
  }

  private void setVariable(VariableInstance variable, Object value) {
    if (variable.getTaskId() != null) {
      taskService.setVariableLocal(variable.getTaskId(), variable.getName(), value);
    } else {
      runtimeService.setVariableLocal(variable.getExecutionId(), variable.getName(), value);
    }
  }

  private int moveTasks(Map<String, Map<Long, Move>> changes, Map<String, Set<String>> touched,
      Map<String, ProcessInstance> running, List<InternalNotice> tell) {
    int moved = 0;
    for (Task task : taskService.createTaskQuery().processInstanceIdIn(changes.keySet().toArray(String[]::new))
        .list()) {
      Date old = task.getDueDate();
      Move move = old == null ? null : changes.get(task.getProcessInstanceId()).get(old.getTime());
      if (move == null) {
        continue;
      }
      taskService.setDueDate(task.getId(), move.fresh());
      line(touched, task.getProcessInstanceId(), old, move);
      tell.add(holderNotice(task, running.get(task.getProcessInstanceId()), old, move.fresh()));
      moved++;
    }
    return moved;
  }

  private int moveTimers(Map<String, Map<Long, Move>> changes, Map<String, Set<String>> touched) {
    int moved = 0;
    for (Job job : managementService.createJobQuery().processInstanceIds(changes.keySet()).timers().list()) {
      Date old = job.getDuedate();
      Move move = old == null ? null : changes.get(job.getProcessInstanceId()).get(old.getTime());
      if (move == null) {
        continue;
      }
      managementService.setJobDuedate(job.getId(), move.fresh());
      line(touched, job.getProcessInstanceId(), old, move);
      moved++;
    }
    return moved;
  }

  private int moveRegister(Map<String, Map<Long, Move>> changes, Map<String, Set<String>> touched,
      Map<String, ProcessInstance> running) {
    int rows = 0;
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    for (Map.Entry<String, Map<Long, Move>> instance : changes.entrySet()) {
      String caseNumber = running.get(instance.getKey()).getBusinessKey();
      if (caseNumber == null) {
        continue;
      }
      for (Map.Entry<Long, Move> move : instance.getValue().entrySet()) {
        Timestamp old = new Timestamp(move.getKey());
        Timestamp fresh = new Timestamp(move.getValue().fresh().getTime());
        int n = jdbc.update("update case_register set due_at = ?, updated_at = ? where case_number = ? "
            + "and due_at = ?", fresh, now, caseNumber, old)
            + jdbc.update("update case_register set first_response_due_at = ?, updated_at = ? where case_number = ? "
            + "and first_response_due_at = ? and first_response_at is null", fresh, now, caseNumber, old);
        if (n > 0) {
          line(touched, instance.getKey(), old, move.getValue());
          rows += n;
        }
      }
    }
    return rows;
  }

  /** Notes a deadline's move for the case's history (a reminder or a cycle only follows: no line of its own). */
  private void line(Map<String, Set<String>> touched, String instance, Date old, Move move) {
    if (move.deadline()) {
      touched.computeIfAbsent(instance, k -> new LinkedHashSet<>()).add(historyLine(old, move.fresh()));
    }
  }

  /** "期限因节假日安排调整，由 2027-01-05 17:00 改为 2027-01-06 17:00" in the calendar's zone. */
  String historyLine(Date old, Date fresh) {
    return String.format(HISTORY_LINE, LINE_FORMAT.format(old.toInstant().atZone(calendar.zone())),
        LINE_FORMAT.format(fresh.toInstant().atZone(calendar.zone())));
  }

  /** The mail (and the grid's WeCom robot) to whoever holds the task: its assignee, else its candidate groups. */
  private InternalNotice holderNotice(Task task, ProcessInstance instance, Date old, Date fresh) {
    Set<String> recipients = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      User user = identityService.createUserQuery().userId(task.getAssignee()).singleResult();
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        recipients.add(user.getEmail());
      }
    } else {
      taskService.getIdentityLinksForTask(task.getId()).stream()
          .map(link -> link.getGroupId()).filter(Objects::nonNull)
          .flatMap(group -> Organisation.INTAKE.equals(group)
              ? organisation.grids().stream().map(Group::getId) : Stream.of(group))
          .flatMap(group -> identityService.createUserQuery().memberOfGroup(group).list().stream())
          .map(User::getEmail).filter(e -> e != null && !e.isBlank()).forEach(recipients::add);
    }
    String caseNumber = instance.getBusinessKey() == null ? "—" : instance.getBusinessKey();
    Object grid = runtimeService.getVariable(instance.getId(), CaseVariables.GRID);
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseNumber", caseNumber);
    variables.put("taskName", task.getName());
    variables.put("oldDue", calendar.text(old));
    variables.put("newDue", calendar.text(fresh));
    return new InternalNotice("deadline-moved:" + task.getId() + ":" + fresh.getTime(),
        grid == null ? null : grid.toString(), recipients, NOTICE_TEMPLATE, variables);
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static Date date(Timestamp timestamp) {
    return timestamp == null ? null : new Date(timestamp.getTime());
  }
}
