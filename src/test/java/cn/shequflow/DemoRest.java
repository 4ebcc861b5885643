package cn.shequflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Real HTTP calls as the demo users (password demo): Basic auth on /engine-rest and the app's endpoints, and a
 * Tasklist session (login, cookie, CSRF header) on the webapps' /camunda/api, as the attacks of issue 10 were made.
 */
public final class DemoRest {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final TestRestTemplate rest;

  public DemoRest(TestRestTemplate rest) {
    this.rest = rest;
  }

  /** Sends the Basic header on the first request, as Tasklist's REST clients and integrators do. */
  public ResponseEntity<String> call(String user, HttpMethod method, String url, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(url, method, new HttpEntity<>(json(body), headers), String.class);
  }

  public ResponseEntity<String> get(String user, String url) {
    return call(user, HttpMethod.GET, url, null);
  }

  public ResponseEntity<String> post(String user, String url, Object body) {
    return call(user, HttpMethod.POST, url, body);
  }

  /** The response body as JSON. */
  public static JsonNode read(ResponseEntity<String> response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (Exception e) {
      throw new IllegalStateException("不是 JSON：" + response.getBody(), e);
    }
  }

  /** A REST start or completion body: {"variables": {name: {"value": v, "type": …}}, …extra}. */
  public static Map<String, Object> variables(Map<String, ?> values, Object... extra) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, typed(value)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variables", variables);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      body.put((String) extra[i], extra[i + 1]);
    }
    return body;
  }

  private static Map<String, Object> typed(Object value) {
    String type = value instanceof Long ? "Long" : value instanceof Integer ? "Integer"
        : value instanceof Boolean ? "Boolean" : value instanceof java.util.Date ? "Date" : "String";
    Object serialized = value instanceof java.util.Date date
        ? new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(date) : value;
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("value", serialized);
    typed.put("type", type);
    return typed;
  }

  /** A logged-in Tasklist session of the user: what the browser sends with every webapp API call. */
  public HttpHeaders tasklistSession(String user) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    Map<String, String> cookies = cookies(page.getHeaders(), new LinkedHashMap<>());
    HttpHeaders login = new HttpHeaders();
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    login.add(HttpHeaders.COOKIE, cookieHeader(cookies));
    login.add("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
    ResponseEntity<String> loggedIn = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=demo", login), String.class);
    if (!loggedIn.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("任务列表登录失败：" + loggedIn.getStatusCode() + " " + loggedIn.getBody());
    }
    cookies(loggedIn.getHeaders(), cookies);
    // the login starts a new session, and the webapp hands its CSRF token out on the next request
    HttpHeaders next = new HttpHeaders();
    next.add(HttpHeaders.COOKIE, cookieHeader(cookies));
    cookies(rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(next), String.class)
        .getHeaders(), cookies);
    HttpHeaders session = new HttpHeaders();
    session.setContentType(MediaType.APPLICATION_JSON);
    session.add(HttpHeaders.COOKIE, cookieHeader(cookies));
    session.add("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
    return session;
  }

  public ResponseEntity<String> webapp(HttpHeaders session, HttpMethod method, String url, Object body) {
    return rest.exchange(url, method, new HttpEntity<>(json(body), session), String.class);
  }

  private static Map<String, String> cookies(HttpHeaders headers, Map<String, String> into) {
    List<String> setCookies = headers.getOrEmpty(HttpHeaders.SET_COOKIE);
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        into.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    String token = headers.getFirst("X-XSRF-TOKEN");
    if (token != null) {
      into.put("XSRF-TOKEN", token);
    }
    return into;
  }

  private static String cookieHeader(Map<String, String> cookies) {
    StringBuilder header = new StringBuilder();
    cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
    return header.toString();
  }

  private static String json(Object body) {
    try {
      return body == null ? null : body instanceof String text ? text : JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
