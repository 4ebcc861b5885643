package cn.shequflow.mailintake;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads a MIME message into an {@link IncomingMail}: the first plain-text part is the text, else the first HTML part
 * reduced to text by jsoup (scripts, styles and markup dropped, nothing of it can run anywhere); every other part is
 * an attachment, kept when within the count, type and size limits and refused with its reason otherwise, so no part
 * is lost without a note. A part's size is counted while reading, never taken from its headers.
 */
final class MailReader {

  /** Extensions never kept, whatever type the part claims. */
  private static final Set<String> FORBIDDEN_EXTENSIONS = Set.of("exe", "com", "bat", "cmd", "scr", "pif", "js",
      "jse", "vbs", "vbe", "wsf", "ps1", "msi", "jar", "hta", "html", "htm", "svg", "lnk", "dll", "sh");
  private static final int DEPTH_MAX = 10;

  private final MailIntakeProperties limits;

  MailReader(MailIntakeProperties limits) {
    this.limits = limits;
  }

  IncomingMail read(MimeMessage message, String fallbackId) throws MessagingException, IOException {
    Parts parts = new Parts();
    walk(message, parts, 0);
    String text = parts.plain != null ? parts.plain : parts.html != null ? htmlToText(parts.html) : "";
    InternetAddress from = sender(message);
    String messageId = message.getMessageID();
    return new IncomingMail(messageId == null || messageId.isBlank() ? fallbackId : messageId.trim(),
        from == null ? "" : from.getAddress(), from == null || from.getPersonal() == null ? "" : from.getPersonal().trim(),
        message.getSubject() == null ? "" : message.getSubject().trim(), normalise(text), answers(message),
        parts.attachments, parts.refused);
  }

  private static InternetAddress sender(MimeMessage message) throws MessagingException {
    Address[] from = message.getFrom();
    return from != null && from.length > 0 && from[0] instanceof InternetAddress address ? address : null;
  }

  /** The Message-IDs this mail answers: In-Reply-To and References, in order, without duplicates. */
  private static List<String> answers(MimeMessage message) throws MessagingException {
    Set<String> ids = new LinkedHashSet<>();
    for (String header : new String[] {"In-Reply-To", "References"}) {
      String[] values = message.getHeader(header);
      if (values == null) {
        continue;
      }
      for (String value : values) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("<[^<>\\s]{1,490}>").matcher(value);
        while (id.find()) {
          ids.add(id.group());
        }
      }
    }
    return new ArrayList<>(ids);
  }

  private static final class Parts {
    String plain;
    String html;
    final List<IncomingMail.Attachment> attachments = new ArrayList<>();
    final List<IncomingMail.Refused> refused = new ArrayList<>();
  }

  private void walk(Part part, Parts parts, int depth) throws MessagingException, IOException {
    boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    if (part.isMimeType("multipart/*") && depth < DEPTH_MAX) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, parts, depth + 1);
      }
      return;
    }
    if (!attachment && part.isMimeType("text/plain") && parts.plain == null) {
      parts.plain = text(part);
      return;
    }
    if (!attachment && part.isMimeType("text/html") && parts.html == null) {
      parts.html = text(part);
      return;
    }
    keepOrRefuse(part, parts);
  }

  private void keepOrRefuse(Part part, Parts parts) throws MessagingException, IOException {
    String name = fileName(part);
    String type = baseType(part);
    long max = limits.maxAttachmentSize().toBytes();
    String reason = null;
    byte[] content = null;
    long size;
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long read = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        read += n;
        if (read <= max) {
          out.write(buffer, 0, n);
        }
      }
      size = read;
      if (read <= max) {
        content = out.toByteArray();
      }
    }
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
    if (parts.attachments.size() >= limits.maxAttachments()) {
      reason = "超过附件数量上限（每封邮件最多" + limits.maxAttachments() + "个）";
    } else if (FORBIDDEN_EXTENSIONS.contains(extension) || !limits.allowedTypes().contains(type)) {
      reason = "不接受此类文件（只接受 PDF、图片、文本、Word 和 Excel 文件）";
    } else if (content == null) {
      reason = "文件过大（每个附件最大" + limits.maxAttachmentSize().toMegabytes() + "MB）";
    }
    if (reason == null) {
      parts.attachments.add(new IncomingMail.Attachment(name, type, content));
    } else {
      parts.refused.add(new IncomingMail.Refused(name, type, size, reason));
    }
  }

  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null || name.isBlank()) {
      return "未命名附件";
    }
    try {
      name = MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException keepAsIs) {
      // the raw name is still a name
    }
    // no folders, no control characters; a column of 255
    name = name.replaceAll("[\\p{Cntrl}/\\\\]", "_").trim();
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  private static String baseType(Part part) throws MessagingException {
    try {
      return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    } catch (jakarta.mail.internet.ParseException | NullPointerException unreadable) {
      return "application/octet-stream";
    }
  }

  /** A text part in its declared charset (UTF-8 when it names none or one Java does not know). */
  private static String text(Part part) throws MessagingException, IOException {
    Charset charset = StandardCharsets.UTF_8;
    try {
      String name = new ContentType(part.getContentType()).getParameter("charset");
      if (name != null) {
        charset = Charset.forName(MimeUtility.javaCharset(name));
      }
    } catch (RuntimeException | jakarta.mail.internet.ParseException unknown) {
      // keep UTF-8
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readNBytes(1_000_000), charset);
    }
  }

  /** HTML as plain text: paragraphs and line breaks kept as new lines, everything else (scripts too) dropped. */
  static String htmlToText(String html) {
    Document document = Jsoup.parse(html);
    document.select("script, style, head, template, noscript").remove();
    document.select("br").after("\\n");
    document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote").before("\\n");
    return document.body() == null ? "" : document.body().text().replace("\\n", "\n");
  }

  /** Line ends as \n, no trailing spaces, no runs of blank lines, trimmed. */
  private static String normalise(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \\t\\u00a0]+\\n", "\n")
        .replaceAll("\\n[ \\t]+", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }
}
