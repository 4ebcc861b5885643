package cn.shequflow.mailintake;

import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.notification.MailThreading;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mail thread of each e-mail case (mail_intake_message): the Message-IDs the resident sent and the app sent them.
 * Every mail to the case's resident (the receipt, the answer, a referral …) is threaded onto the resident's latest
 * mail — In-Reply-To and References, "Re: subject（事项编号 …）", Reply-To the community mailbox — and its Message-ID
 * recorded in the sending transaction; a mail in the mailbox that answers one of these IDs belongs to that case.
 */
@Component("residentMailThreads")
class ResidentMailThreads implements MailThreading {

  static final Pattern CASE_NUMBER = Pattern.compile("[A-Z]{2}\\d{8}-\\d{5,9}");
  private static final int REFERENCES_MAX = 20;

  private final JdbcTemplate jdbc;
  private final MailIntakeProperties properties;

  ResidentMailThreads(JdbcTemplate jdbc, MailIntakeProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /** A message row of a thread: who wrote it (in = the resident), its ID and subject. */
  record Message(String messageId, String direction, String residentEmail, String subject) {}

  @Override
  public Optional<Headers> thread(String eventKey, Collection<String> recipients, Map<String, Object> variables,
      String subject) {
    Object number = variables.get(CaseVariables.CASE_NUMBER);
    if (!(number instanceof String caseNumber) || recipients.size() != 1) {
      return Optional.empty();
    }
    List<Message> thread = messages(caseNumber);
    String recipient = recipients.iterator().next().trim().toLowerCase(Locale.ROOT);
    Optional<Message> lastIn = thread.stream().filter(m -> "in".equals(m.direction())).reduce((a, b) -> b);
    if (lastIn.isEmpty() || !recipient.equals(lower(lastIn.get().residentEmail()))) {
      return Optional.empty(); // a mail to someone else (a department, a worker) is not part of the resident's thread
    }
    String messageId = "<" + UUID.randomUUID() + "." + caseNumber + "@" + domain() + ">";
    List<String> ids = thread.stream().map(Message::messageId).toList();
    String references = String.join(" ", ids.subList(Math.max(0, ids.size() - REFERENCES_MAX), ids.size()));
    jdbc.update("insert into mail_intake_message (message_id, direction, case_number, resident_email, subject, "
        + "created_at) values (?, 'out', ?, ?, ?, ?)", messageId, caseNumber, lastIn.get().residentEmail(),
        clip(subject, 500), new Timestamp(ClockUtil.getCurrentTime().getTime()));
    return Optional.of(new Headers(messageId, replySubject(lastIn.get().subject(), caseNumber),
        lastIn.get().messageId(), references, properties.replyTo()));
  }

  /** "Re: " and the resident's subject, with the case number unless the subject already names it. */
  static String replySubject(String residentSubject, String caseNumber) {
    String subject = residentSubject == null || residentSubject.isBlank() ? "您的来信" : residentSubject.trim();
    subject = subject.replaceFirst("^(?i)((re|回复|答复|fwd?|转发)\\s*[:：]\\s*)+", "");
    if (!subject.contains(caseNumber)) {
      subject = subject + "（事项编号 " + caseNumber + "）";
    }
    return clip("Re: " + subject, 500);
  }

  /** The case a mail answers: one whose thread holds a Message-ID it names in In-Reply-To or References. */
  Optional<String> caseAnswered(IncomingMail mail) {
    for (String id : mail.answers()) {
      List<String> found = jdbc.queryForList("select case_number from mail_intake_message where message_id = ?",
          String.class, id);
      if (!found.isEmpty()) {
        return Optional.of(found.get(0));
      }
    }
    return Optional.empty();
  }

  /** The case numbers a subject names (a resident who quotes the number of their case). */
  static List<String> numbersIn(String subject) {
    Matcher matcher = CASE_NUMBER.matcher(subject == null ? "" : subject.toUpperCase(Locale.ROOT));
    List<String> numbers = new java.util.ArrayList<>();
    while (matcher.find()) {
      numbers.add(matcher.group());
    }
    return numbers;
  }

  /** The case a resident already wrote in this Message-ID to (the same mail delivered twice), if any. */
  Optional<String> caseOfIncoming(String messageId) {
    return jdbc.queryForList("select case_number from mail_intake_message where message_id = ? and direction = 'in'",
        String.class, messageId).stream().findFirst();
  }

  void recordIncoming(IncomingMail mail, String caseNumber) {
    jdbc.update("insert into mail_intake_message (message_id, direction, case_number, resident_email, subject, body, "
        + "created_at) values (?, 'in', ?, ?, ?, ?, ?)", mail.messageId(), caseNumber, clip(mail.fromAddress(), 200),
        clip(mail.subject(), 500), clip(mail.text(), 8000), new Timestamp(ClockUtil.getCurrentTime().getTime()));
  }

  List<Message> messages(String caseNumber) {
    return jdbc.query("select message_id, direction, resident_email, subject from mail_intake_message "
        + "where case_number = ? order by id", (rs, i) -> new Message(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4)), caseNumber);
  }

  private String domain() {
    String address = properties.replyTo();
    return address != null && address.contains("@") ? address.substring(address.indexOf('@') + 1) : "shequflow.local";
  }

  private static String lower(String text) {
    return text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
  }

  static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }
}
