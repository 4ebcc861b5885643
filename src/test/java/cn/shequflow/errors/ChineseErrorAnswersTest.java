package cn.shequflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import cn.shequflow.RawHttp;
import cn.shequflow.casefile.InvalidCaseInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Issue 10 item 10 — what a worker, an integrator and a browser actually get for bad input: the exact Chinese
 * reason without engine prefixes on every REST layer (engine REST, the webapps' REST as Tasklist calls it), the
 * app's Chinese error pages instead of the Whitelabel page, JSON for JSON clients, Tomcat's own refusals in Chinese,
 * and one WARN line in the log instead of a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ChineseErrorAnswersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired RepositoryService repositoryService;
  @Autowired TemplateEngine templates;
  @Autowired ErrorViewResolver errorViews;
  @Value("${shequ.community-name}") String communityName;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  @DisplayName("issue 10 item 10：任务列表的发起表单（/camunda/api/engine）填错时，只显示中文原因，没有 Cannot instantiate 前缀")
  void tasklistStartForm_showsOnlyTheChineseReason() throws Exception {
    Map<String, String> session = login("zhangwei");
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("reception")
        .latestVersion().singleResult().getId();
    Map<String, Object> variables = reception();
    variables.remove("residentName");

    HttpResponse<String> response = sessionPost(session,
        "/camunda/api/engine/engine/default/process-definition/" + definition + "/submit-form",
        Map.of("variables", variables));

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("type").asText()).isEqualTo("InvalidCaseInputException");
    assertThat(body.get("message").asText()).isEqualTo("居民姓名不能为空");
  }

  @Test
  @DisplayName("issue 10 item 10：任务列表提交任务表单填错时，只显示中文原因，没有 Cannot submit task form 前缀")
  void tasklistTaskForm_showsOnlyTheChineseReason() throws Exception {
    String task = openTask();
    Map<String, String> session = login("zhangwei");

    HttpResponse<String> response = sessionPost(session,
        "/camunda/api/engine/engine/default/task/" + task + "/submit-form", Map.of("variables", Map.of()));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("请选择办理方式");
  }

  @Test
  @DisplayName("issue 10 item 10：已被别人认领的任务 409，无权办理 403，未知流程 404，都是中文")
  void engineErrorsAUserCanProvoke_areTranslated() throws Exception {
    String claimed = openTask();
    taskService.claim(claimed, "zhangwei");

    HttpResponse<String> claim = basic("POST", "/engine-rest/task/" + claimed + "/claim", "liuyang",
        "{\"userId\":\"liuyang\"}");
    assertThat(claim.statusCode()).isEqualTo(409);
    assertThat(message(claim)).isEqualTo("该任务已被其他人认领，请刷新任务列表后再办理");

    HttpResponse<String> otherGrid = basic("POST", "/engine-rest/task/" + openTask() + "/complete", "lina",
        "{\"variables\":{}}");
    assertThat(otherGrid.statusCode()).isEqualTo(403);
    assertThat(message(otherGrid)).startsWith("您没有权限执行此操作");

    HttpResponse<String> unknown = basic("POST", "/engine-rest/process-definition/key/no-such/start", "zhangwei",
        "{\"variables\":{}}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(message(unknown)).isEqualTo("流程“no-such”不存在");

    HttpResponse<String> badType = basic("POST", "/engine-rest/process-definition/key/reception/start", "zhangwei",
        "{\"variables\":{\"residentName\":{\"value\":\"abc\",\"type\":\"Integer\"}}}");
    assertThat(badType.statusCode()).isEqualTo(400);
    assertThat(message(badType)).isEqualTo("变量值“abc”不是有效的整数");

    HttpResponse<String> badDate = basic("POST", "/engine-rest/process-definition/key/reception/start", "zhangwei",
        "{\"variables\":{\"receivedAt\":{\"value\":\"yesterday\",\"type\":\"Date\"}}}");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(message(badDate)).isEqualTo("变量值“yesterday”不是有效的日期（如 2026-09-30T10:00:00.000+0800）");

    HttpResponse<String> malformed = basic("POST", "/engine-rest/process-definition/key/reception/start",
        "zhangwei", "{\"variables\": {");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(message(malformed)).startsWith("请求体不是有效的 JSON");
  }

  @Test
  @DisplayName("issue 10 item 10 / R-4.3-1：书记认领针对自己的投诉被拒绝：400 和中文，没有 ENGINE-03051")
  void complaintAboutTheClaimer_isRefusedWith400() throws Exception {
    Map<String, Object> complaint = new LinkedHashMap<>();
    complaint.put("kind", typed("complaint"));
    complaint.put("channel", typed("phone"));
    complaint.put("complainantName", typed("赵大爷"));
    complaint.put("complainantPhone", typed("13941400003"));
    complaint.put("content", typed("书记不接电话"));
    complaint.put("aboutWorker", typed("liuyang"));
    HttpResponse<String> started = basic("POST", "/engine-rest/process-definition/key/complaint/start", "zhangwei",
        JSON.writeValueAsString(Map.of("variables", complaint)));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String task = taskService.createTaskQuery().processInstanceId(JSON.readTree(started.body()).get("id").asText())
        .singleResult().getId();

    HttpResponse<String> claim = basic("POST", "/engine-rest/task/" + task + "/claim", "liuyang",
        "{\"userId\":\"liuyang\"}");

    assertThat(claim.statusCode()).isEqualTo(400);
    assertThat(message(claim)).startsWith("针对您本人的投诉不能由您办理");
  }

  @Test
  @DisplayName("issue 10 item 10：浏览器打开不存在的页面看到中文 404 页面，不是 Whitelabel；JSON 客户端得到 JSON")
  void unknownPage_isAChinesePage_andJsonForJsonClients() throws Exception {
    HttpResponse<String> page = get("/no-such-page", "text/html");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("lang=\"zh-CN\"", "页面不存在", "错误代码", "404").doesNotContain("Whitelabel");

    HttpResponse<String> api = get("/api/no-such-endpoint", "application/json");
    assertThat(api.statusCode()).isEqualTo(404);
    JsonNode body = JSON.readTree(api.body());
    assertThat(body.get("message").asText()).isEqualTo("您要找的页面或接口不存在，请检查地址");
    assertThat(body.get("status").asInt()).isEqualTo(404);
    assertThat(body.get("path").asText()).isEqualTo("/api/no-such-endpoint");
    assertThat(body.has("type")).isTrue();

    HttpResponse<String> direct = get("/error", "text/html");
    assertThat(direct.statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("issue 10 item 10：页面参数错误是中文 400 页面，说明哪个参数错了")
  void badPageParameter_isAChinese400Page() throws Exception {
    HttpResponse<String> page = get("/households/abc", "text/html");

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("请求有误", "参数“id”的值“abc”格式不正确（应为整数）")
        .doesNotContain("Whitelabel", "Exception");

    HttpResponse<String> month = basic("GET", "/api/coverage?month=garbage", "liuyang", "");
    assertThat(month.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(month.body()).get("message").asText()).startsWith("月份“garbage”格式不正确");
    assertThat(JSON.readTree(month.body()).get("status").asInt()).isEqualTo(400);
  }

  @Test
  @DisplayName("issue 10 item 10：403 和 500 也有中文页面（error/403.html、error/500.html）")
  void forbiddenAndServerErrorPages_areChinese() throws Exception {
    // the webapps' CSRF filter refuses a browser's post without its token: Spring Boot's error page shows it
    Map<String, String> session = login("zhangwei");
    HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(url("/camunda/api/engine/engine/default/task"))
        .header("Cookie", cookies(session)).header("Accept", "text/html").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("没有权限", "安全校验失败（CSRF）").doesNotContain("Whitelabel");

    MockHttpServletRequest request = new MockHttpServletRequest();
    var view = errorViews.resolveErrorView(request, HttpStatus.INTERNAL_SERVER_ERROR, Map.of());
    assertThat(view).isNotNull();
    assertThat(view.getViewName()).isEqualTo("error/500");
    Context model = new Context();
    model.setVariable("status", 500);
    model.setVariable("message", ChineseErrors.forStatus(500));
    assertThat(templates.process("error/500", model)).contains("系统出错了", "服务器内部错误", "联系系统管理员");
  }

  @Test
  @DisplayName("issue 10 item 10：Tomcat 自己拒绝的请求（路径中的 %2F、空字节）也是中文")
  void tomcatRefusals_areChinese() throws Exception {
    HttpResponse<String> json = get("/engine-rest/task/..%2F..%2Fetc", "application/json");
    assertThat(json.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(json.body()).get("message").asText()).isEqualTo("请求的内容不正确，请检查后重试");

    HttpResponse<String> page = get("/households/%00", "text/html");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("请求有误").doesNotContain("HTTP Status", "Tomcat");
    // in the community's look, as the app's own pages: its styles, name and service desk
    assertThat(page.body()).contains("/shequ-assets/community.css", "community-bar", "社区服务台", communityName);
  }

  @Test
  @DisplayName("issue 13：Tomcat 在应用之前拒绝的请求（坏的 %zz 编码、请求行中的非法字符、过大的请求头、路径参数中的 %zz）是中文 400，没有堆栈和服务器版本")
  void requestsTomcatRefusesBeforeTheApp_areAnsweredInChinese() throws Exception {
    Map<String, RawHttp.Response> refused = new LinkedHashMap<>();
    refused.put("%zz", RawHttp.to(port).header("Accept", "text/html").get("/%zz"));
    refused.put("%zz json", RawHttp.to(port).header("Accept", "application/json").get("/engine-rest/%zz"));
    refused.put("illegal character", RawHttp.to(port).header("Accept", "text/html").get("/a{b}<c>"));
    refused.put("oversized header", RawHttp.to(port).header("Accept", "text/html")
        .header("X-Padding", "x".repeat(20_000)).get("/camunda/app/tasklist/"));
    // Tomcat strips path parameters before decoding; Spring decoded this one and failed: a 500 before the fix
    refused.put("path parameter", RawHttp.to(port).header("Accept", "text/html").get("/;jsessionid=%zz"));
    refused.put("path parameter json", RawHttp.to(port).get("/engine-rest/task;x=%g1"));
    refused.forEach((what, response) -> {
      assertThat(response.status()).as(what).isEqualTo(400);
      assertThat(response.body()).as(what).containsPattern("请求有误|请求的内容不正确|不正确的编码")
          .doesNotContain("HTTP Status", "Bad Request", "Tomcat", "Exception", "at org.", "RFC");
      assertThat(response.header("Server")).as(what).isNull();
    });
    assertThat(refused.get("path parameter").body()).contains("地址中有不正确的编码");
    assertThat(JSON.readTree(refused.get("path parameter json").body()).path("message").asText())
        .isEqualTo(MalformedPathFilter.MESSAGE);

    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.getOutputStream().write("GET / HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 505").contains("不支持该 HTTP 协议版本").doesNotContain("服务器内部错误");
    }
  }

  @Test
  @DisplayName("issue 10 item 10：预期的拒绝在日志里是一行 WARN，不是 ERROR 加堆栈；真正的故障保留堆栈")
  void expectedRejection_isOneWarnLine_realFailureKeepsItsStackTrace(CapturedOutput output) throws Exception {
    Map<String, Object> variables = reception();
    variables.put("residentPhone", typed("12345"));
    int before = output.getAll().length();

    HttpResponse<String> refused = basic("POST", "/engine-rest/process-definition/key/reception/start", "zhangwei",
        JSON.writeValueAsString(Map.of("variables", variables)));

    assertThat(refused.statusCode()).isEqualTo(400);
    String logged = output.getAll().substring(before);
    assertThat(logged.lines().filter(line -> line.contains(" WARN ") && line.contains("已拒绝 400")))
        .singleElement().asString()
        .contains("POST /engine-rest/process-definition/key/reception/start", "联系电话“12345”格式不正确");
    assertThat(logged).doesNotContain("ENGINE-16004", " ERROR ", "\tat cn.shequflow");

    // the engine's own log line for a failed command, as it comes while a request is answered
    Logger engineContext = (Logger) LoggerFactory.getLogger(ExpectedRejectionLogFilter.ENGINE_CONTEXT);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    try {
      int beforeRejection = output.getAll().length();
      engineContext.error("ENGINE-16004 Exception while closing command context: {}", "x",
          new InvalidCaseInputException("residentName", "居民姓名不能为空"));
      assertThat(output.getAll().substring(beforeRejection)).doesNotContain("ENGINE-16004", "居民姓名不能为空");

      int beforeFailure = output.getAll().length();
      engineContext.error("ENGINE-16004 Exception while closing command context: {}", "boom",
          new IllegalStateException("数据库连接断开"));
      assertThat(output.getAll().substring(beforeFailure)).contains(" ERROR ", "ENGINE-16004",
          "java.lang.IllegalStateException: 数据库连接断开", "\tat ");
    } finally {
      RequestContextHolder.resetRequestAttributes();
    }
  }

  // ------------------------------------------------------------------ helpers

  private String openTask() throws Exception {
    HttpResponse<String> started = basic("POST", "/engine-rest/process-definition/key/reception/start", "zhangwei",
        JSON.writeValueAsString(Map.of("variables", reception())));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return taskService.createTaskQuery().processInstanceId(JSON.readTree(started.body()).get("id").asText())
        .singleResult().getId();
  }

  private static Map<String, Object> reception() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("channel", typed("phone"));
    vars.put("residentName", typed("孙桂兰"));
    vars.put("residentPhone", typed("13941400001"));
    vars.put("category", typed("general-inquiry"));
    vars.put("summary", typed("咨询"));
    vars.put("priorityGroup", typed("none"));
    return vars;
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("message").asText();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> basic(String method, String path, String user, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes()))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Logs in to Tasklist as its login page does and returns the session's cookies. */
  private Map<String, String> login(String user) throws Exception {
    Map<String, String> cookies = new LinkedHashMap<>();
    keep(http.send(HttpRequest.newBuilder(url("/camunda/app/tasklist/default/")).GET().build(),
        HttpResponse.BodyHandlers.ofString()), cookies);
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(
            url("/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies(cookies))
        .header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""))
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    keep(login, cookies);
    keep(http.send(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default"))
        .header("Cookie", cookies(cookies)).GET().build(), HttpResponse.BodyHandlers.ofString()), cookies);
    return cookies;
  }

  private HttpResponse<String> sessionPost(Map<String, String> session, String path, Object body) throws Exception {
    return http.send(HttpRequest.newBuilder(url(path)).header("Cookie", cookies(session))
        .header("X-XSRF-TOKEN", session.getOrDefault("XSRF-TOKEN", "")).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/plain, */*")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static void keep(HttpResponse<?> response, Map<String, String> cookies) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
  }

  private static String cookies(Map<String, String> cookies) {
    return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
