package cn.shequflow.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * Chinese mail templates that analysts edit as text files (mail-templates/NAME.txt): the first line is
 * "主题：…", then a blank line, then the body; {{name}} is replaced by a case variable. The resident-facing
 * signature (R-1.1-2) comes from signature.txt.
 */
final class MailTemplates {

  static final String SUBJECT_PREFIX = "主题：";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z][a-zA-Z0-9_]*)\\s*}}");

  private final Path folder;

  MailTemplates(Path folder) {
    this.folder = folder;
  }

  /** A rendered mail: subject and body with the signature appended. */
  record Mail(String subject, String body) {}

  Mail render(String name, Map<String, Object> variables) {
    String text = read(name + ".txt");
    int firstBreak = text.indexOf('\n');
    String firstLine = (firstBreak < 0 ? text : text.substring(0, firstBreak)).trim();
    if (!firstLine.startsWith(SUBJECT_PREFIX)) {
      throw new IllegalStateException("邮件模板 " + name + ".txt 的第一行必须以“" + SUBJECT_PREFIX + "”开头");
    }
    String subject = fill(name, firstLine.substring(SUBJECT_PREFIX.length()).trim(), variables);
    String body = fill(name, text.substring(firstBreak + 1).strip(), variables);
    String signature = fill("signature", read("signature.txt").strip(), variables);
    return new Mail(subject, body + "\n\n" + signature + "\n");
  }

  private static String fill(String template, String text, Map<String, Object> variables) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String key = matcher.group(1);
      if (!variables.containsKey(key)) {
        throw new IllegalStateException("邮件模板 " + template + " 引用了不存在或不允许写入邮件的变量 {{" + key + "}}");
      }
      Object value = variables.get(key);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.toString()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** From the analysts' folder when it exists, else the copy packaged in the jar. */
  private String read(String file) {
    try {
      Path path = folder.resolve(file);
      if (Files.isRegularFile(path)) {
        return Files.readString(path, StandardCharsets.UTF_8);
      }
      ClassPathResource packaged = new ClassPathResource("models/mail-templates/" + file);
      if (!packaged.exists()) {
        throw new IllegalStateException("找不到邮件模板 " + file + "（" + folder.toAbsolutePath() + "）");
      }
      try (InputStream in = packaged.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("无法读取邮件模板 " + file, e);
    }
  }
}
