package cn.shequflow.mailintake;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.Organisation;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one mail from the mailbox, in one transaction with its mail_intake_uid row: a new mail starts a reception
 * case with channel email (waiting in 新留言与邮件, the reply due in 1 working day by reception-time-limits.dmn) and
 * gets the receipt; a resident's reply to an open case lands on it (comment and the holder's task, message
 * residentMailReply of reception.bpmn); a mail whose Message-ID was already taken starts nothing. The receipt is the
 * model's own asynchronous step (event subprocess 邮件来信回执, message mailCaseOpened), so an SMTP outage never holds a mail back from intake. A crash before the
 * commit leaves neither the row nor the case, so the next poll takes the mail again — exactly once.
 */
@Component
class MailIntakeDesk {

  /** What became of a mail: a new case, a reply on a case, or a second copy of a mail already taken. */
  enum Outcome { CASE, REPLY, DUPLICATE }

  record Taken(Outcome outcome, String caseNumber) {}

  /** Where a test breaks the intake off, as a crash would (no-op in the app). */
  interface Interruption {
    Interruption NONE = stage -> { };

    void at(String stage);
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final CaseFile caseFile;
  private final Organisation organisation;
  private final ResidentMailThreads threads;
  private final WorkingDayCalendar workingDays;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final MailIntakeProperties properties;
  private final String lookupUrl;

  MailIntakeDesk(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
      CaseFile caseFile, Organisation organisation, ResidentMailThreads threads,
      WorkingDayCalendar workingDays, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      MailIntakeProperties properties, @Value("${shequ.public-base-url}") String baseUrl) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.historyService = historyService;
    this.caseFile = caseFile;
    this.organisation = organisation;
    this.threads = threads;
    this.workingDays = workingDays;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.properties = properties;
    this.lookupUrl = baseUrl.replaceAll("/+$", "") + "/public/lookup";
  }

  /** Whether this mailbox UID was taken already (then the mail is left alone). */
  /** The UIDs from {@code fromUid} on already taken from this mailbox: one query a poll, not one per mail. */
  java.util.Set<Long> taken(String mailbox, long uidValidity, long fromUid) {
    return new java.util.HashSet<>(jdbc.queryForList("select uid from mail_intake_uid where mailbox = ? "
        + "and uid_validity = ? and uid >= ?", Long.class, mailbox, uidValidity, fromUid));
  }

  Taken take(String mailbox, long uidValidity, long uid, IncomingMail incoming, Interruption interruption) {
    return transaction.execute(status -> organisation.runAsApp(() -> {
      Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
      // the row first: a second poller taking the same UID fails on the primary key and rolls back
      jdbc.update("insert into mail_intake_uid (mailbox, uid_validity, uid, message_id, outcome, taken_at) "
          + "values (?, ?, ?, ?, 'taking', ?)", mailbox, uidValidity, uid,
          ResidentMailThreads.clip(incoming.messageId(), 500), now);
      Taken taken = route(incoming, interruption);
      jdbc.update("update mail_intake_uid set outcome = ?, case_number = ? where mailbox = ? and uid_validity = ? "
          + "and uid = ?", taken.outcome().name().toLowerCase(Locale.ROOT), taken.caseNumber(), mailbox, uidValidity,
          uid);
      interruption.at("before-commit");
      return taken;
    }));
  }

  private Taken route(IncomingMail incoming, Interruption interruption) {
    Optional<String> duplicate = threads.caseOfIncoming(incoming.messageId());
    if (duplicate.isPresent()) {
      return new Taken(Outcome.DUPLICATE, duplicate.get());
    }
    Optional<HistoricProcessInstance> open = threadedCase(incoming).filter(c -> c.getEndTime() == null);
    if (open.isPresent()) {
      String number = open.get().getBusinessKey();
      threads.recordIncoming(incoming, number);
      attachments(number, incoming);
      reply(open.get(), incoming);
      return new Taken(Outcome.REPLY, number);
    }
    String earlier = threadedCase(incoming).map(HistoricProcessInstance::getBusinessKey).orElse(null);
    return new Taken(Outcome.CASE, start(incoming, earlier, interruption));
  }

  /**
   * The reception case a mail answers: In-Reply-To/References naming a mail of its thread, or a case number in the
   * subject — then only from the resident of that case (nobody else can write onto a case by quoting its number).
   */
  private Optional<HistoricProcessInstance> threadedCase(IncomingMail incoming) {
    Optional<HistoricProcessInstance> answered = threads.caseAnswered(incoming)
        .flatMap(number -> caseFile.find("reception", number));
    if (answered.isPresent()) {
      return answered;
    }
    for (String number : ResidentMailThreads.numbersIn(incoming.subject())) {
      Optional<HistoricProcessInstance> quoted = caseFile.find("reception", number)
          .filter(c -> sameAddress(residentEmailOf(c), incoming.fromAddress()));
      if (quoted.isPresent()) {
        return quoted;
      }
    }
    return Optional.empty();
  }

  private String residentEmailOf(HistoricProcessInstance instance) {
    List<HistoricVariableInstance> email = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(CaseVariables.RESIDENT_EMAIL).list();
    return email.isEmpty() || email.get(0).getValue() == null ? "" : email.get(0).getValue().toString();
  }

  private static boolean sameAddress(String a, String b) {
    return !a.isBlank() && a.trim().equalsIgnoreCase(b == null ? "" : b.trim());
  }

  /** A new case: the mail's sender, subject and text, channel email, waiting in the intake queue; receipt to follow. */
  private String start(IncomingMail incoming, String earlierCase, Interruption interruption) {
    String email = validEmail(incoming.fromAddress());
    Map<String, Object> variables = new HashMap<>();
    variables.put("channel", "email");
    variables.put("residentName", residentName(incoming));
    variables.put("residentPhone", "");
    variables.put("residentEmail", email);
    variables.put("category", properties.category());
    variables.put("summary", summary(incoming, earlierCase));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("reception", variables);
    String number = instance.getBusinessKey();
    interruption.at("started");
    threads.recordIncoming(incoming, number);
    String code = String.format("%04d", RANDOM.nextInt(10_000));
    jdbc.update("insert into mail_intake_case (case_number, lookup_code, created_at) values (?, ?, ?)", number, code,
        new Timestamp(ClockUtil.getCurrentTime().getTime()));
    attachments(number, incoming);
    // what the receipt (Task_MailReceipt, asynchronous after this commit) tells besides the case's own variables
    runtimeService.setVariables(instance.getId(), Map.of("lookupCode", code, "lookupUrl", lookupUrl,
        "refusedParts", refusedText(incoming)));
    if (!email.isEmpty()) {
      // reception.bpmn's event subprocess 邮件来信回执: its mail step runs after this commit, retried on SMTP failure
      runtimeService.createMessageCorrelation("mailCaseOpened").processInstanceId(instance.getId())
          .correlateWithResult();
    }
    return number;
  }

  /** The resident's reply on an open case: a comment on its open tasks and, once claimed, a task for the holder. */
  private void reply(HistoricProcessInstance instance, IncomingMail incoming) {
    String received = workingDays.text(ClockUtil.getCurrentTime());
    String text = incoming.text().isEmpty() ? "（邮件没有正文）" : incoming.text();
    Map<String, Object> local = new HashMap<>();
    local.put("residentReplyText", ResidentMailThreads.clip(text + refusedText(incoming), CaseInput.TEXT_MAX));
    local.put("residentReplySubject", ResidentMailThreads.clip(incoming.subject(), 200));
    local.put("residentReplyReceivedText", received);
    runtimeService.createMessageCorrelation("residentMailReply").processInstanceId(instance.getId())
        .setVariablesLocal(local).correlateWithResult();
    String comment = "居民邮件回复（" + received + "）：" + ResidentMailThreads.clip(text, 3000) + refusedText(incoming);
    for (Task task : taskService.createTaskQuery().processInstanceId(instance.getId()).list()) {
      taskService.createComment(task.getId(), instance.getId(), comment);
    }
  }

  private void attachments(String caseNumber, IncomingMail incoming) {
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    String id = ResidentMailThreads.clip(incoming.messageId(), 500);
    for (IncomingMail.Attachment kept : incoming.attachments()) {
      jdbc.update("insert into mail_intake_attachment (case_number, message_id, file_name, content_type, size_bytes, "
          + "content, created_at) values (?, ?, ?, ?, ?, ?, ?)", caseNumber, id, kept.fileName(),
          ResidentMailThreads.clip(kept.contentType(), 100), (long) kept.content().length, kept.content(), now);
    }
    for (IncomingMail.Refused refused : incoming.refused()) {
      jdbc.update("insert into mail_intake_attachment (case_number, message_id, file_name, content_type, size_bytes, "
          + "refused, created_at) values (?, ?, ?, ?, ?, ?, ?)", caseNumber, id, refused.fileName(),
          ResidentMailThreads.clip(refused.contentType(), 100), refused.size(), refused.reason(), now);
    }
  }

  /** The case's summary: subject and text, within the start form's limit; a longer mail is kept whole in the thread. */
  private static String summary(IncomingMail incoming, String earlierCase) {
    StringBuilder summary = new StringBuilder();
    if (earlierCase != null) {
      summary.append("（居民回复已办结的事项 ").append(earlierCase).append("）\n");
    }
    if (!incoming.subject().isEmpty()) {
      summary.append("【邮件主题】").append(incoming.subject()).append('\n');
    }
    summary.append(incoming.text().isEmpty() ? "（邮件没有正文）" : incoming.text());
    String refused = refusedText(incoming);
    String kept = incoming.attachments().isEmpty() ? ""
        : "\n【附件】已保存" + incoming.attachments().size() + "个："
            + String.join("、", incoming.attachments().stream().map(IncomingMail.Attachment::fileName).toList());
    String tail = kept + refused;
    int room = CaseInput.TEXT_MAX - tail.length();
    String body = summary.length() <= room ? summary.toString()
        : summary.substring(0, Math.max(0, room - 20)) + "…（邮件全文见邮件记录）";
    return ResidentMailThreads.clip(body + tail, CaseInput.TEXT_MAX);
  }

  /** The parts not kept, as the worker and the resident read them (empty when none). */
  private static String refusedText(IncomingMail incoming) {
    if (incoming.refused().isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\n【未保存的附件】");
    for (IncomingMail.Refused refused : incoming.refused()) {
      text.append("\n· ").append(refused.fileName()).append("：").append(refused.reason());
    }
    return text.toString();
  }

  /** The sender's name as the case shows it: the display name, else the address's local part. */
  private static String residentName(IncomingMail incoming) {
    String name = incoming.fromName().replaceAll("[\\p{Cntrl}<>\"]", "").trim();
    if (name.isEmpty()) {
      String address = incoming.fromAddress();
      name = address.contains("@") ? address.substring(0, address.indexOf('@')) : "邮件来信居民";
    }
    if (name.isEmpty()) {
      name = "邮件来信居民";
    }
    return name.length() > CaseInput.NAME_MAX ? name.substring(0, CaseInput.NAME_MAX) : name;
  }

  private static String validEmail(String address) {
    String email = address == null ? "" : address.trim();
    return email.length() <= CaseInput.EMAIL_MAX && CaseInput.EMAIL.matcher(email).matches() ? email : "";
  }
}
