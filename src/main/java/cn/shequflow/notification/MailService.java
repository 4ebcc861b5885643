package cn.shequflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one mail per event, exactly once, on the caller's own connection and transaction (a mail job's: never a
 * second pool connection, which a backlog of jobs holding the whole pool could wait for in vain). The event key is
 * written to mail_log in that transaction and the mail handed to SMTP at its very end, once every other statement of
 * the transaction (the engine's flush included) has gone through: an SMTP failure rolls the row back and the job
 * retries; a failure before the end sends nothing; so a retried job finds either nothing sent or the row. Only a
 * crash between the SMTP server's acceptance and the commit (milliseconds) can send a mail twice, never lose it.
 */
@Service
@EnableConfigurationProperties(MailProperties.class)
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender sender;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate callersTransaction;
  private final MailProperties properties;
  private final MailTemplates templates;
  private final List<MailThreading> threading;

  MailService(JavaMailSender sender, JdbcTemplate jdbc, PlatformTransactionManager transactions,
      MailProperties properties, @Value("${shequ.community-name}") String communityName,
      @Value("${shequ.community-phone:}") String communityPhone, List<MailThreading> threading) {
    this.sender = sender;
    this.threading = threading;
    this.jdbc = jdbc;
    // joins the caller's transaction (a job's, a request's); a caller without one gets one of its own
    this.callersTransaction = new TransactionTemplate(transactions);
    this.callersTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    this.properties = properties;
    this.templates = new MailTemplates(Path.of(properties.templates()),
        new MailTemplates.ServiceDesk(communityName, communityPhone));
  }

  /**
   * True when this event's mail is sent (at the end of the caller's transaction), false when it had already gone out
   * (or nobody is to receive it).
   */
  public boolean send(String eventKey, Collection<String> recipients, String template, Map<String, Object> variables) {
    if (recipients.isEmpty()) {
      LOG.warn("邮件 {}（{}）没有收件人，未发送", template, eventKey);
      return false;
    }
    Boolean sent = callersTransaction.execute(status -> {
      if (alreadySent(eventKey)) {
        LOG.info("邮件 {}（{}）此前已发送，重试时不再重复发送", template, eventKey);
        return false;
      }
      MailTemplates.Mail rendered = templates.render(template, withoutSensitive(variables));
      Optional<MailThreading.Headers> thread = threading.stream()
          .map(t -> t.thread(eventKey, recipients, variables, rendered.subject())).flatMap(Optional::stream)
          .findFirst();
      MailTemplates.Mail mail = thread.map(h -> new MailTemplates.Mail(h.subject(), rendered.body())).orElse(rendered);
      jdbc.update(
          "insert into mail_log (event_key, template, recipients, subject, sent_at) values (?, ?, ?, ?, ?)",
          // a threaded mail's subject is the resident's own: the template's subject is logged instead
          eventKey, template, String.join(",", recipients), rendered.subject(),
          new Timestamp(ClockUtil.getCurrentTime().getTime()));
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void beforeCommit(boolean readOnly) {
          // last thing before the commit: an exception here rolls the mail_log row back with everything else
          transmit(recipients, mail, thread.orElse(null), rendered.subject());
        }

        @Override
        public int getOrder() {
          // after the synchronizations of others (the engine's own included) that still write
          return Ordered.LOWEST_PRECEDENCE;
        }
      });
      return true;
    });
    return Boolean.TRUE.equals(sent);
  }

  /**
   * The notice's subject and body without the signature and without the variables that may never appear in a mail
   * (R-1.2-7): the text of a chat channel's message (WeCom).
   */
  MailTemplates.Mail renderUnsigned(String template, Map<String, Object> variables) {
    return templates.renderUnsigned(template, withoutSensitive(variables));
  }

  private void transmit(Collection<String> recipients, MailTemplates.Mail mail, MailThreading.Headers thread,
      String templateSubject) {
    try {
      MimeMessage message = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.from());
      helper.setTo(recipients.toArray(String[]::new));
      helper.setSubject(mail.subject());
      helper.setText(mail.body(), false);
      if (thread != null) {
        // JavaMailSenderImpl keeps a Message-ID set before sending: the one the thread recorded
        message.setHeader("Message-ID", thread.messageId());
        if (thread.inReplyTo() != null) {
          message.setHeader("In-Reply-To", thread.inReplyTo());
          message.setHeader("References", thread.references());
        }
        if (thread.replyTo() != null) {
          helper.setReplyTo(thread.replyTo());
        }
      }
      sender.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("邮件无法生成：" + e.getMessage(), e);
    }
    // no body in the log: it may name the resident; nor a threaded mail's subject (the resident's) or address
    if (thread == null) {
      LOG.info("邮件已发送：{} → {}", mail.subject(), recipients);
    } else {
      LOG.info("邮件已发送（居民邮件线索）：{}", templateSubject);
    }
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
