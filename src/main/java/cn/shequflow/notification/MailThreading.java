package cn.shequflow.notification;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a mail to a resident into the thread of their case when they wrote in by mail (the mail intake provides it):
 * asked once for each mail actually sent, inside the sending transaction, it gives the Message-ID, the "Re:" subject,
 * In-Reply-To/References and Reply-To, and records the Message-ID so the resident's answer finds the case.
 */
public interface MailThreading {

  /** The headers of a threaded mail; {@code references} is the whole chain, space-separated. */
  record Headers(String messageId, String subject, String inReplyTo, String references, String replyTo) {}

  /** The headers for this mail, or empty when it belongs to no resident's mail thread. */
  Optional<Headers> thread(String eventKey, Collection<String> recipients, Map<String, Object> variables,
      String subject);
}
