package cn.shequflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser on the staff pages (/staff/…) over real HTTP, without following redirects: logged in through Tasklist
 * (the webapps' session cookie, as a worker's browser is) or with HTTP Basic, keeping the session cookie the pages
 * set, and reading the form token from a page as a browser submits it.
 */
public final class StaffSession {

  private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final int port;
  private final String basicUser;
  private String cookie;

  private StaffSession(int port, String basicUser, String cookie) {
    this.port = port;
    this.basicUser = basicUser;
    this.cookie = cookie;
  }

  /** Logged in to Tasklist as the user (password demo): the session the webapps use. */
  public static StaffSession tasklist(int port, String user) throws IOException {
    RawHttp.Response login = RawHttp.to(port).webappLogin(user, "demo");
    if (login.status() != 200) {
      throw new IllegalStateException("任务列表登录失败：" + login.status() + " " + login.body());
    }
    String session = RawHttp.cookie(login, "JSESSIONID");
    if (session == null) {
      throw new IllegalStateException("登录没有返回会话");
    }
    return new StaffSession(port, null, "JSESSIONID=" + session);
  }

  /** HTTP Basic as the user (password demo) on every request; the page's session cookie is kept. */
  public static StaffSession basic(int port, String user) {
    return new StaffSession(port, user, null);
  }

  /** Nobody logged in. */
  public static StaffSession anonymous(int port) {
    return new StaffSession(port, null, null);
  }

  public RawHttp.Response get(String path) throws IOException {
    return keep(http().get(path));
  }

  /** The form token of the session, as the page at path puts it into its forms. */
  public String token(String path) throws IOException {
    RawHttp.Response page = get(path);
    Matcher token = TOKEN.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException(path + " 没有表单令牌：" + page.status() + " " + page.body());
    }
    return token.group(1);
  }

  /** A form post (application/x-www-form-urlencoded). */
  public RawHttp.Response post(String path, Map<String, String> fields) throws IOException {
    StringBuilder form = new StringBuilder();
    fields.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return keep(http().post(path, "application/x-www-form-urlencoded",
        form.toString().getBytes(StandardCharsets.UTF_8), false));
  }

  /** A multipart post with text fields and one file (field "file"); a null file name sends no file part. */
  public RawHttp.Response upload(String path, Map<String, String> fields, String fileName, byte[] content)
      throws IOException {
    String boundary = "----staff-session-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
          + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    if (fileName != null) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return keep(http().post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray(), false));
  }

  /** The fields of a form post with this session's token (read from the page at tokenPage) added. */
  public Map<String, String> withToken(String tokenPage, Map<String, String> fields) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", token(tokenPage));
    return all;
  }

  /** The text a reader sees: the body without head, scripts, tags and the usual entities. */
  public static String visibleText(String html) {
    return html.replaceAll("(?is)<head>.*?</head>", " ").replaceAll("(?is)<script.*?</script>", " ")
        .replaceAll("<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ").trim();
  }

  /** Latin words in the visible text beyond the allowed ones (file types and the like): a Chinese page has none. */
  public static java.util.List<String> englishWords(String html, String... allowed) {
    return words(visibleText(html), allowed);
  }

  /** As {@link #englishWords}, ignoring codes such as case, visit and household numbers (ZF-A1-001-2026). */
  public static java.util.List<String> englishWordsOutsideCodes(String html, String... allowed) {
    return words(visibleText(html).replaceAll("[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+", " "), allowed);
  }

  /** Latin words in a text (already visible text) beyond the allowed ones. */
  public static java.util.List<String> words(String text, String... allowed) {
    java.util.Set<String> allow = new java.util.HashSet<>(java.util.List.of(allowed));
    java.util.List<String> words = new java.util.ArrayList<>();
    Matcher word = Pattern.compile("[A-Za-z]{2,}").matcher(text);
    while (word.find()) {
      if (!allow.contains(word.group())) {
        words.add(word.group());
      }
    }
    return words;
  }

  private RawHttp http() {
    RawHttp http = RawHttp.to(port);
    if (basicUser != null) {
      http.basic(basicUser, "demo");
    }
    if (cookie != null) {
      http.header("Cookie", cookie);
    }
    return http;
  }

  private RawHttp.Response keep(RawHttp.Response response) {
    String session = RawHttp.cookie(response, "JSESSIONID");
    if (session != null) {
      cookie = "JSESSIONID=" + session;
    }
    return response;
  }
}
