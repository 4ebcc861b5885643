package cn.shequflow.notification;

import cn.shequflow.casefile.CaseInput;
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
 * "主题：…", optionally a line "署名：服务台", then a blank line, then the body; {{name}} is replaced by a case
 * variable. The signature (R-1.1-2) comes from signature.txt: {{signerLine}} is the worker who sends the mail with
 * their post, and {{signerPhone}} their phone; a system notice (署名：服务台, or no signer at all) is signed by the
 * community's service desk with the community's phone.
 */
final class MailTemplates {

  static final String SUBJECT_PREFIX = "主题：";
  static final String SERVICE_DESK_LINE = "署名：服务台";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-zA-Z][a-zA-Z0-9_]*)\\s*}}");

  /** Who signs system notices: the community's service desk (社区服务台) and the community's phone. */
  record ServiceDesk(String communityName, String phone) {}

  private final Path folder;
  private final ServiceDesk desk;

  MailTemplates(Path folder) {
    this(folder, new ServiceDesk("", ""));
  }

  MailTemplates(Path folder, ServiceDesk desk) {
    this.folder = folder;
    this.desk = desk;
  }

  /** A rendered mail: subject and body with the signature appended. */
  record Mail(String subject, String body) {}

  Mail render(String name, Map<String, Object> variables) {
    return render(name, variables, true);
  }

  /** Subject and body without the signature: a short notice for a chat channel (WeCom), same rules as a mail. */
  Mail renderUnsigned(String name, Map<String, Object> variables) {
    return render(name, variables, false);
  }

  private Mail render(String name, Map<String, Object> variables, boolean signed) {
    String text = read(name + ".txt");
    int firstBreak = text.indexOf('\n');
    String firstLine = (firstBreak < 0 ? text : text.substring(0, firstBreak)).trim();
    if (!firstLine.startsWith(SUBJECT_PREFIX)) {
      throw new IllegalStateException("邮件模板 " + name + ".txt 的第一行必须以“" + SUBJECT_PREFIX + "”开头");
    }
    String rest = text.substring(firstBreak + 1).strip();
    boolean serviceDesk = rest.startsWith(SERVICE_DESK_LINE);
    if (serviceDesk) {
      rest = rest.substring(SERVICE_DESK_LINE.length()).strip();
    }
    String subject = fill(name, firstLine.substring(SUBJECT_PREFIX.length()).trim(), variables);
    String body = fill(name, rest, variables);
    if (!signed) {
      return new Mail(subject, body);
    }
    String signature = fill("signature", read("signature.txt").strip(), signed(variables, serviceDesk));
    return new Mail(subject, body + "\n\n" + signature + "\n");
  }

  /** The signature's lines: the worker who sends it, or the service desk for a system notice or a mail nobody signs. */
  private Map<String, Object> signed(Map<String, Object> variables, boolean serviceDesk) {
    Map<String, Object> all = new java.util.HashMap<>(variables);
    String community = CaseInput.text(variables.get("communityName")).isEmpty() ? desk.communityName()
        : CaseInput.text(variables.get("communityName"));
    all.put("communityName", community);
    String signer = CaseInput.text(variables.get("signerName"));
    if (serviceDesk || signer.isEmpty()) {
      all.put("signerLine", community + "服务台");
      all.put("signerPhone", desk.phone());
    } else {
      String post = CaseInput.text(variables.get("signerPost"));
      all.put("signerLine", post.isEmpty() ? signer : signer + "（" + post + "）");
      String phone = CaseInput.text(variables.get("signerPhone"));
      all.put("signerPhone", phone.isEmpty() ? desk.phone() : phone);
    }
    return all;
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
