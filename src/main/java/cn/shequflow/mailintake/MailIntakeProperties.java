package cn.shequflow.mailintake;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The community mailbox the intake polls (shequ.mail-intake.*): the IMAP server and account, the folder, how often,
 * the matter a new mail is filed under, and the attachment limits. Off unless enabled and a host and user are given.
 */
@ConfigurationProperties(prefix = "shequ.mail-intake")
record MailIntakeProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("imaps") String protocol,
    @DefaultValue("") String host,
    @DefaultValue("993") int port,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("INBOX") String folder,
    @DefaultValue("") String address,
    @DefaultValue("general-inquiry") String category,
    @DefaultValue("PT30S") Duration interval,
    @DefaultValue("50") int perPoll,
    @DefaultValue("5") int maxAttachments,
    @DefaultValue("5MB") DataSize maxAttachmentSize,
    @DefaultValue("PT10S") Duration timeout,
    @DefaultValue({"application/pdf", "image/jpeg", "image/png", "image/gif", "text/plain", "application/msword",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}) List<String> allowedTypes) {

  /** Whether the intake runs: switched on, with a server and an account to poll. */
  boolean configured() {
    return enabled && !host.isBlank() && !username.isBlank();
  }

  /** The mailbox's own address (Reply-To of every mail to a resident): given, else the account when it is one. */
  String replyTo() {
    if (!address.isBlank()) {
      return address.trim();
    }
    return username.contains("@") ? username.trim() : null;
  }

  /** The mailbox's name in mail_intake_uid: server, account and folder (never the password). */
  String mailboxKey() {
    return protocol + "://" + username + "@" + host + ":" + port + "/" + folder;
  }
}
