package cn.shequflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one mail per event, exactly once: the event key is recorded in mail_log in its own transaction right after
 * the SMTP server accepted the mail, so a job retried after a later failure skips it instead of sending it again.
 */
@Service
@EnableConfigurationProperties(MailProperties.class)
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender sender;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final MailProperties properties;
  private final MailTemplates templates;

  MailService(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      MailProperties properties) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
    this.templates = new MailTemplates(Path.of(properties.templates()));
  }

  /** True when sent now, false when this event's mail had already gone out (or nobody is to receive it). */
  public boolean send(String eventKey, Collection<String> recipients, String template, Map<String, Object> variables) {
    if (recipients.isEmpty()) {
      LOG.warn("邮件 {}（{}）没有收件人，未发送", template, eventKey);
      return false;
    }
    if (alreadySent(eventKey)) {
      LOG.info("邮件 {}（{}）此前已发送，重试时不再重复发送", template, eventKey);
      return false;
    }
    MailTemplates.Mail mail = templates.render(template, withoutSensitive(variables));
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.from());
      helper.setTo(recipients.toArray(String[]::new));
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      sender.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("邮件无法生成：" + e.getMessage(), e);
    }
    ownTransaction.executeWithoutResult(status -> jdbc.update(
        "insert into mail_log (event_key, template, recipients, subject, sent_at) values (?, ?, ?, ?, ?)",
        eventKey, template, String.join(",", recipients), mail.subject(),
        new Timestamp(ClockUtil.getCurrentTime().getTime())));
    // no body in the log: it may name the resident
    LOG.info("邮件已发送：{} → {}", mail.subject(), recipients);
    return true;
  }

  private boolean alreadySent(String eventKey) {
    Integer count = jdbc.queryForObject("select count(*) from mail_log where event_key = ?", Integer.class, eventKey);
    return count != null && count > 0;
  }

  private Map<String, Object> withoutSensitive(Map<String, Object> variables) {
    Map<String, Object> safe = new HashMap<>(variables);
    properties.neverInBody().forEach(safe::remove);
    return safe;
  }
}
