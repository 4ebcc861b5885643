package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 10 item 9: variables from outside are primitive or JSON only. The attacks are the tests: Object variables
 * (java.net.URL, in JSON and Java serialization), Bytes and File, untyped objects — at a start, a task form submitted
 * over REST and through Tasklist's webapp API, and a variable modification — all 400 in Chinese, nothing created or
 * deserialized.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VariableTypeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START = "/engine-rest/process-definition/key/reception/start";

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ProcessEngine processEngine;

  @Test
  @DisplayName("issue 10 item 9 以 Object 变量（java.net.URL，JSON 和 Java 序列化两种格式）启动 reception：400，中文，没有新事项")
  void startWithObjectVariable_isRefused_noCaseCreated() throws Exception {
    long cases = receptionCases();

    Map<String, Object> json = objectValue(JSON.writeValueAsString("http://evil.example/"), "java.net.URL",
        "application/json");
    assertRefused(post("zhangwei", START, start("homepage", json)), "homepage", "Object");

    ByteArrayOutputStream serialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
      out.writeObject(URI.create("http://evil.example/").toURL());
    }
    Map<String, Object> java = objectValue(Base64.getEncoder().encodeToString(serialized.toByteArray()),
        "java.net.URL", "application/x-java-serialized-object");
    assertRefused(post("zhangwei", START, start("homepage", java)), "homepage", "Object");

    assertThat(receptionCases()).isEqualTo(cases);
  }

  @Test
  @DisplayName("issue 10 item 9 Object 变量指向任意 Java 类型：400，该类型从未被实例化")
  void objectVariableOfAnyJavaType_isNeverDeserialized() throws Exception {
    int before = DeserializationProbe.CREATED.get();
    Map<String, Object> probe = objectValue("{\"name\":\"x\"}", DeserializationProbe.class.getName(),
        "application/json");

    assertRefused(post("zhangwei", START, start("probe", probe)), "probe", "Object");
    assertThat(DeserializationProbe.CREATED.get()).isEqualTo(before);
  }

  @Test
  @DisplayName("issue 10 item 9 Bytes、File、Xml 和没有声明类型的对象：400")
  void bytesFileXmlAndUntypedObjects_areRefused() throws Exception {
    assertRefused(post("zhangwei", START, start("upload", Map.of("type", "Bytes", "value", "aGVsbG8="))),
        "upload", "Bytes");
    assertRefused(post("zhangwei", START, start("upload", Map.of("type", "File", "value", "aGVsbG8=",
        "valueInfo", Map.of("filename", "a.txt")))), "upload", "File");
    assertRefused(post("zhangwei", START, start("doc", Map.of("type", "Xml", "value", "<a/>"))), "doc", "Xml");
    assertRefused(post("zhangwei", START, start("map", Map.of("value", Map.of("a", 1)))), "map", "没有声明类型");
  }

  @Test
  @DisplayName("issue 10 item 9 通过 REST 和 Tasklist 的 webapp 接口提交带 Object 变量的任务表单：400，任务仍待办")
  void submittingTaskFormWithObjectVariable_isRefusedOverRestAndTheWebapp() throws Exception {
    String processInstanceId = letterCase();
    String taskId = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
    Map<String, Object> form = Map.of("variables", Map.of(
        "outcome", Map.of("value", "answered", "type", "String"),
        "reply", objectValue("\"http://evil.example/\"", "java.net.URL", "application/json")));

    assertRefused(post("zhangwei", "/engine-rest/task/" + taskId + "/submit-form", form), "reply", "Object");

    Webapp tasklist = login("zhangwei");
    assertRefused(tasklist.post("/camunda/api/engine/engine/default/task/" + taskId + "/submit-form", form),
        "reply", "Object");
    // the same session and CSRF token do work for a plain request: the refusal is the type guard's
    ResponseEntity<String> claimed = tasklist.post("/camunda/api/engine/engine/default/task/" + taskId + "/claim",
        Map.of("userId", "zhangwei"));
    assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(processInstanceId, "reply")).isNull();
  }

  @Test
  @DisplayName("issue 10 item 9 修改流程实例变量（POST 修改、PUT 单个变量、上传二进制）：Object 被拒绝，Json 照常")
  void variableModificationWithObject_isRefused_jsonStillWorks() throws Exception {
    String processInstanceId = letterCase();
    String variables = "/engine-rest/process-instance/" + processInstanceId + "/variables";
    Map<String, Object> url = objectValue("\"http://evil.example/\"", "java.net.URL", "application/json");

    // the admin may change any variable: only the type guard stands between the request and the engine
    assertRefused(post("demo", variables, Map.of("modifications", Map.of("homepage", url))), "homepage", "Object");
    assertRefused(call("demo", HttpMethod.PUT, variables + "/homepage", url), "homepage", "Object");
    assertRefused(call("demo", HttpMethod.PUT, variables + "/homepage", Map.of("value", List.of(1, 2))),
        "homepage", "没有声明类型");
    assertRefused(upload(variables + "/homepage/data"), "homepage", "二进制");
    assertRefused(upload(variables + "/homepage/dat%61;x=1"), "homepage", "二进制");
    assertThat(runtimeService.getVariable(processInstanceId, "homepage")).isNull();

    ResponseEntity<String> json = call("demo", HttpMethod.PUT, variables + "/checked",
        Map.of("type", "Json", "value", "[\"身份证\"]"));
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtimeService.getVariableTyped(processInstanceId, "checked").getType().getName()).isEqualTo("json");
  }

  @Test
  @DisplayName("issue 10 item 9 引擎的反序列化类型校验已开启、允许列表为空：Java API 写入的 java.net.URL 对象也不会被反序列化")
  void deserializationTypeValidation_isOnWithAnEmptyAllowlist() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(configuration.getDeserializationAllowedClasses()).isNullOrEmpty();
    assertThat(configuration.getDeserializationAllowedPackages()).isNullOrEmpty();

    String processInstanceId = letterCase();
    runtimeService.setVariable(processInstanceId, "homepage", Variables.serializedObjectValue("\"http://evil.example/\"")
        .objectTypeName("java.net.URL").serializationDataFormat("application/json").create());

    assertThatThrownBy(() -> runtimeService.getVariable(processInstanceId, "homepage"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("java.net.URL");
    runtimeService.removeVariable(processInstanceId, "homepage");
  }

  /** A letter case started by zhangwei over REST: an open reply task. */
  private String letterCase() {
    try {
      ResponseEntity<String> started = post("zhangwei", START, RestAccessTest.startBody("letter", "general-inquiry",
          "13941400002", "周玉梅"));
      assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
      return JSON.readTree(started.getBody()).get("id").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long receptionCases() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("reception").count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> start(String name, Map<String, Object> variable) {
    Map<String, Object> body = RestAccessTest.startBody("letter", "general-inquiry", "13941400003", "吴淑珍");
    Map<String, Object> variables = new LinkedHashMap<>((Map<String, Object>) body.get("variables"));
    variables.put(name, variable);
    return Map.of("variables", variables);
  }

  private static Map<String, Object> objectValue(String value, String type, String format) {
    return Map.of("type", "Object", "value", value,
        "valueInfo", Map.of("objectTypeName", type, "serializationDataFormat", format));
  }

  private static void assertRefused(ResponseEntity<String> response, String variable, String why) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    String message = JSON.readTree(response.getBody()).get("message").asText();
    assertThat(message).startsWith(VariableTypeFilter.MESSAGE).contains(variable).contains(why);
  }

  private ResponseEntity<String> post(String user, String url, Object body) throws Exception {
    return call(user, HttpMethod.POST, url, body);
  }

  private ResponseEntity<String> call(String user, HttpMethod method, String url, Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, "demo", StandardCharsets.UTF_8);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(URI.create(rest.getRootUri() + url), method,
        new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
  }

  /** POST …/variables/{name}/data: the endpoint that takes Bytes, File and serialized objects as multipart. */
  private ResponseEntity<String> upload(String url) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("data", new ByteArrayResource("aced0005".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "payload.bin";
      }
    });
    parts.add("valueType", "Bytes");
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth("demo", "demo", StandardCharsets.UTF_8);
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return rest.exchange(URI.create(rest.getRootUri() + url), HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  /** Logs in to Tasklist as its login page does, keeping the session cookie and the CSRF token. */
  private Webapp login(String user) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    Webapp webapp = new Webapp();
    webapp.remember(page.getHeaders());
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", "demo");
    HttpHeaders headers = webapp.headers();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
        HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    webapp.remember(login.getHeaders());
    // the login starts a new session; its CSRF token comes with the next read, as Tasklist's next call gets it
    webapp.remember(rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(webapp.headers()), String.class).getHeaders());
    return webapp;
  }

  /** The browser's cookies for the webapp: session and XSRF-TOKEN, sent back with the token header. */
  private final class Webapp {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    void remember(HttpHeaders response) {
      for (String cookie : response.getOrEmpty(HttpHeaders.SET_COOKIE)) {
        String pair = cookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }

    HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      cookies.forEach((name, value) -> headers.add(HttpHeaders.COOKIE, name + "=" + value));
      if (cookies.containsKey("XSRF-TOKEN")) {
        headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      // the webapps' CSRF filter also checks that the request comes from their own origin
      headers.set(HttpHeaders.ORIGIN, rest.getRootUri());
      return headers;
    }

    ResponseEntity<String> post(String url, Object body) throws Exception {
      HttpHeaders headers = headers();
      headers.setContentType(MediaType.APPLICATION_JSON);
      ResponseEntity<String> response = rest.exchange(url, HttpMethod.POST,
          new HttpEntity<>(JSON.writeValueAsString(body), headers), String.class);
      remember(response.getHeaders());
      return response;
    }
  }
}
