package cn.shequflow.mailintake;

import java.util.List;

/**
 * One mail as the intake reads it: its Message-ID (made up from the mailbox and UID when it has none), the sender,
 * the subject, the plain text (HTML reduced to text), the Message-IDs it answers (In-Reply-To, References), the
 * attachments kept and the parts refused with the reason.
 */
record IncomingMail(String messageId, String fromAddress, String fromName, String subject, String text,
    List<String> answers, List<Attachment> attachments, List<Refused> refused) {

  /** A part kept: its file name, content type and bytes (within the limits). */
  record Attachment(String fileName, String contentType, byte[] content) {}

  /** A part not kept, and why (in Chinese: the worker reads it on the case). */
  record Refused(String fileName, String contentType, long size, String reason) {}

  IncomingMail {
    answers = List.copyOf(answers);
    attachments = List.copyOf(attachments);
    refused = List.copyOf(refused);
  }
}
