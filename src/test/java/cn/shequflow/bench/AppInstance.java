package cn.shequflow.bench;

import cn.shequflow.ShequFlowApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app in this JVM on one database, as the demo profile runs it (demo users, job executor on, webapps, REST),
 * without the demo data; random HTTP and mail ports. Calls over real HTTP as the demo users (password demo).
 */
final class AppInstance implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final ConfigurableApplicationContext context;
  final int port;
  final long startMillis;
  final String engineName;
  final String jdbcUrl;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .executor(java.util.concurrent.Executors.newCachedThreadPool()).build();

  private AppInstance(ConfigurableApplicationContext context, long startMillis, String engineName, String jdbcUrl) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    this.startMillis = startMillis;
    this.engineName = engineName;
    this.jdbcUrl = jdbcUrl;
  }

  static AppInstance start(String jdbcUrl, String user, String password, String engineName) throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", 0);
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.username", user);
    properties.put("spring.datasource.password", password);
    properties.put("spring.mail.port", freePort());
    properties.put("shequ.demo-mail.imap-port", freePort());
    properties.put("shequ.demo.data", false);
    properties.put("camunda.bpm.process-engine-name", engineName);
    properties.put("spring.jmx.enabled", false);
    long started = System.nanoTime();
    // as command-line arguments: they win over application.yaml (builder properties would only be defaults)
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(ShequFlowApplication.class).run(args);
    return new AppInstance(context, (System.nanoTime() - started) / 1_000_000, engineName, jdbcUrl);
  }

  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration();
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The engine REST API as clients call it: /engine-rest/… for the default engine, /engine-rest/engine/x/… else. */
  String rest(String path) {
    return "/engine-rest" + ("default".equals(engineName) ? "" : "/engine/" + engineName) + path;
  }

  /** Tasklist's engine API: /camunda/api/engine/engine/{engine}/… */
  String webapi(String path) {
    return "/camunda/api/engine/engine/" + engineName + path;
  }

  HttpResponse<String> basic(String user, String method, String path, String contentType, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofHours(3))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "application/json");
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> basicJson(String user, String method, String path, Object body)
      throws IOException, InterruptedException {
    return basic(user, method, path, "application/json", body == null ? null : JSON.writeValueAsBytes(body));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  static JsonNode read(HttpResponse<String> response) throws IOException {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(response.statusCode() + " " + response.uri() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** A logged-in Tasklist session: the cookies and the XSRF token the browser sends with each webapp call. */
  TasklistSession tasklist(String user) throws IOException, InterruptedException {
    Map<String, String> cookies = new LinkedHashMap<>();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/" + engineName + "/"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    collect(page, cookies);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(
            uri("/camunda/api/admin/auth/user/" + engineName + "/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookieHeader(cookies)).header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() >= 300) {
      throw new IllegalStateException("Tasklist login of " + user + " failed: " + login.statusCode() + " "
          + login.body());
    }
    collect(login, cookies);
    // the new session's XSRF token comes with the next request
    collect(http.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/" + engineName))
        .header("Cookie", cookieHeader(cookies)).GET().build(), HttpResponse.BodyHandlers.ofString()), cookies);
    return new TasklistSession(this, cookieHeader(cookies), cookies.getOrDefault("XSRF-TOKEN", ""));
  }

  /** One worker's browser session. */
  record TasklistSession(AppInstance app, String cookie, String xsrf) {
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(app.uri(path)).GET());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
      return send(HttpRequest.newBuilder(app.uri(path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
      HttpResponse<String> response = app.http.send(request.timeout(Duration.ofMinutes(10))
          .header("Cookie", cookie).header("X-XSRF-TOKEN", xsrf)
          // what Tasklist's HTTP client asks for
          .header("Accept", "application/hal+json, application/json; q=0.5").build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(response.statusCode() + " " + response.uri() + ": " + response.body());
      }
      return response;
    }
  }

  private static void collect(HttpResponse<?> response, Map<String, String> cookies) {
    List<String> setCookies = response.headers().allValues("set-cookie");
    for (String setCookie : setCookies) {
      String pair = setCookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> cookies.put("XSRF-TOKEN", token));
  }

  private static String cookieHeader(Map<String, String> cookies) {
    StringBuilder header = new StringBuilder();
    cookies.forEach((n, v) -> header.append(header.isEmpty() ? "" : "; ").append(n).append('=').append(v));
    return header.toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
