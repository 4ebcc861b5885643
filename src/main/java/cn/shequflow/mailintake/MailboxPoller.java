package cn.shequflow.mailintake;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the community mailbox over IMAP (shequ.mail-intake.*, every 30 s by default; off unless configured): every
 * mail whose UIDVALIDITY/UID is not yet in mail_intake_uid is read and handed to {@link MailIntakeDesk}, which takes
 * it in one transaction with its row. Mails are never deleted; a taken one is marked read (\Seen) after the commit.
 * A mail that cannot be taken now (the database down, a step failing) stays untaken and is tried at the next poll.
 * Logs name UIDs and case numbers only, never a sender, subject or text.
 */
@Component("mailboxPoller")
@EnableConfigurationProperties(MailIntakeProperties.class)
class MailboxPoller {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

  /** What one poll did. */
  record Poll(int cases, int replies, int duplicates, int failed) {}

  private final MailIntakeProperties properties;
  private final MailIntakeDesk desk;
  private final MailReader reader;

  MailboxPoller(MailIntakeProperties properties, MailIntakeDesk desk) {
    this.properties = properties;
    this.desk = desk;
    this.reader = new MailReader(properties);
    if (!properties.configured()) {
      LOG.info("邮件接收未启用（shequ.mail-intake.enabled/host/username 未配置）");
    }
  }

  @Scheduled(fixedDelayString = "${shequ.mail-intake.interval:PT30S}",
      initialDelayString = "${shequ.mail-intake.interval:PT30S}")
  void scheduledPoll() {
    if (!properties.configured()) {
      return;
    }
    try {
      poll();
    } catch (MessagingException | RuntimeException failure) {
      LOG.warn("邮件接收：本次收取社区邮箱失败，下次再试：{}", failure.getMessage());
    }
  }

  Poll poll() throws MessagingException {
    return poll(MailIntakeDesk.Interruption.NONE);
  }

  /** One poll; {@code interruption} lets a test break it off where a crash would. */
  synchronized Poll poll(MailIntakeDesk.Interruption interruption) throws MessagingException {
    Properties settings = new Properties();
    String protocol = properties.protocol();
    long timeout = properties.timeout().toMillis();
    settings.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout));
    settings.put("mail." + protocol + ".timeout", String.valueOf(timeout));
    settings.put("mail." + protocol + ".writetimeout", String.valueOf(timeout));
    // headers in raw UTF-8 (RFC 6532; some phone mail apps send them) are read as text, not refused
    settings.put("mail.mime.allowutf8", "true");
    Session session = Session.getInstance(settings);
    int cases = 0;
    int replies = 0;
    int duplicates = 0;
    int failed = 0;
    try (Store store = session.getStore(protocol)) {
      store.connect(properties.host(), properties.port(), properties.username(), properties.password());
      Folder folder = store.getFolder(properties.folder());
      folder.open(Folder.READ_WRITE);
      try {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        String mailbox = properties.mailboxKey();
        Message[] messages = uids.getMessagesByUID(1, UIDFolder.LASTUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        java.util.Set<Long> takenBefore = messages.length == 0 ? java.util.Set.of()
            : desk.taken(mailbox, validity, uids.getUID(messages[0]));
        int handled = 0;
        for (Message message : messages) {
          long uid = uids.getUID(message);
          if (handled >= properties.perPoll() || takenBefore.contains(uid)) {
            continue;
          }
          handled++;
          try {
            IncomingMail incoming = reader.read(source(session, message),
                "<uid-" + validity + "-" + uid + "@" + properties.host() + ">");
            interruption.at("fetched");
            MailIntakeDesk.Taken taken = desk.take(mailbox, validity, uid, incoming, interruption);
            switch (taken.outcome()) {
              case CASE -> cases++;
              case REPLY -> replies++;
              case DUPLICATE -> duplicates++;
            }
            LOG.info("邮件接收：UID {}/{} → {} {}", validity, uid, taken.outcome(), taken.caseNumber());
            markSeen(message);
          } catch (IOException | MessagingException | RuntimeException failure) {
            if (failure instanceof SimulatedCrash crash) {
              throw crash;
            }
            failed++;
            LOG.warn("邮件接收：UID {}/{} 本次未能受理，下次再试：{}", validity, uid, failure.getMessage());
          }
        }
      } finally {
        folder.close(false);
      }
    }
    return new Poll(cases, replies, duplicates, failed);
  }

  /**
   * The mail parsed from its raw source (BODY.PEEK[]), not from the server's ENVELOPE: a server that cannot describe
   * a mail whose headers are raw UTF-8 ("Failed to load IMAP envelope", GreenMail) would otherwise keep a resident's
   * mail out of every poll.
   */
  private static MimeMessage source(Session session, Message message) throws MessagingException, IOException {
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    message.writeTo(raw);
    return new MimeMessage(session, new java.io.ByteArrayInputStream(raw.toByteArray()));
  }

  private static void markSeen(Message message) {
    try {
      message.setFlag(Flags.Flag.SEEN, true);
    } catch (MessagingException notImportant) {
      // the row in mail_intake_uid decides, not the flag
    }
  }

  /** Thrown by a test's interruption: the poll stops as a killed process would, not as a failed mail. */
  static class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String stage) {
      super("模拟崩溃：" + stage);
    }
  }
}
