package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Logs in over REST as real demo users: Basic auth, grid separation, Chinese 400s, closed admin gaps. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RestAccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestRestTemplate rest;

  @Test
  @DisplayName("/engine-rest 需要 HTTP Basic：匿名 401，密码错误 401")
  void engineRest_requiresBasicAuthentication() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // zhaolei: a failed login makes the engine hold that user back for a few seconds (brute-force delay)
    assertThat(call("zhaolei", "wrong", HttpMethod.GET, "/engine-rest/task", null)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call("zhangwei", "demo", HttpMethod.GET, "/engine-rest/task", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  @DisplayName("R-4.1-1 网格隔离：zhangwei 受理的来信只有第一网格和书记能看到、能办理")
  void letterStartedByZhangwei_isSeenByHisGridAndManagers_notByLina() throws Exception {
    ResponseEntity<String> started = start("zhangwei", startBody("letter", "general-inquiry", "13941400001", "孙桂兰"));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode instance = JSON.readTree(started.getBody());
    String processInstanceId = instance.get("id").asText();
    assertThat(instance.get("businessKey").asText()).startsWith("JD");

    JsonNode zhangweiTasks = tasks("zhangwei", processInstanceId);
    assertThat(zhangweiTasks).hasSize(1);
    assertThat(zhangweiTasks.get(0).get("name").asText()).isEqualTo("受理并答复居民");
    assertThat(zhangweiTasks.get(0).get("due").isNull()).isFalse();
    assertThat(tasks("lina", processInstanceId)).isEmpty();
    assertThat(tasks("liuyang", processInstanceId)).hasSize(1);
    // R-1.2-7: the case's data is readable by its grid and the managers only
    String variables = "/engine-rest/process-instance/" + processInstanceId + "/variables/residentName";
    assertThat(call("zhangwei", "demo", HttpMethod.GET, variables, null).getBody()).contains("孙桂兰");
    assertThat(call("liuyang", "demo", HttpMethod.GET, variables, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("lina", "demo", HttpMethod.GET, variables, null).getStatusCode().value()).isIn(403, 404);

    String taskId = zhangweiTasks.get(0).get("id").asText();
    ResponseEntity<String> linaClaims = rest.withBasicAuth("lina", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/claim", json(Map.of("userId", "lina")), String.class);
    assertThat(linaClaims.getStatusCode().value()).isIn(403, 404);

    ResponseEntity<String> zhangweiClaims = rest.withBasicAuth("zhangwei", "demo").postForEntity(
        "/engine-rest/task/" + taskId + "/claim", json(Map.of("userId", "zhangwei")), String.class);
    assertThat(zhangweiClaims.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // the case history (Tasklist's 历史记录 tab): who did what, when — for the grid, not for another grid
    String history = "/engine-rest/history/user-operation?processInstanceId=" + processInstanceId;
    assertThat(JSON.readTree(call("zhangwei", "demo", HttpMethod.GET, history, null).getBody()))
        .anyMatch(entry -> "zhangwei".equals(entry.get("userId").asText())); // the task is his already (issue 13)
    assertThat(JSON.readTree(call("lina", "demo", HttpMethod.GET, history, null).getBody())).isEmpty();
  }

  @Test
  @DisplayName("错误的受理输入：HTTP 400 和中文说明，而不是 500")
  void badStartInput_isRefusedWith400AndChineseMessage() throws Exception {
    assertBadRequest(start("zhangwei", startBody("letter", "no-such-category", "13941400001", "孙桂兰")), "未知的事项类别");
    assertBadRequest(start("zhangwei", startBody("letter", "general-inquiry", "12345", "孙桂兰")), "联系电话");
    assertBadRequest(start("zhangwei", startBody("letter", "general-inquiry", "13941400001", "")), "居民姓名不能为空");
  }

  @Test
  @DisplayName("R-4.2-1 办理时承诺的答复日期超过时限：完成任务被拒绝（400，中文）")
  void completingWithTooLatePromise_isRefusedWith400() throws Exception {
    String processInstanceId = JSON.readTree(
        start("zhangwei", startBody("phone", "general-inquiry", "13941400001", "孙桂兰")).getBody()).get("id").asText();
    String taskId = tasks("zhangwei", processInstanceId).get(0).get("id").asText();

    Map<String, Object> variables = Map.of("variables", Map.of(
        "outcome", Map.of("value", "replyLater", "type", "String"),
        "promisedReplyDate", Map.of("value", "2099-12-31", "type", "String")));
    ResponseEntity<String> response = call("zhangwei", "demo", HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", json(variables));

    assertBadRequest(response, "不能晚于服务目录规定的时限");
  }

  @Test
  @DisplayName("任务列表筛选为中文：我的待办、本网格待办、即将到期、已逾期")
  void workerSeesChineseFilters() throws Exception {
    List<String> zhangwei = filterNames("zhangwei");
    assertThat(zhangwei).contains("我的待办", "本网格待办", "即将到期", "已逾期").doesNotContain("全社区待办");
    assertThat(filterNames("liuyang")).contains("我的待办", "全社区待办", "逾期督办", "即将到期", "已逾期");
    assertThat(filterNames("chenjing")).contains("街道待办");
  }

  @Test
  @DisplayName("首次初始化管理员入口始终关闭")
  void adminSetupEndpoint_isBlocked() {
    ResponseEntity<String> response = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
        json(Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x"))), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  @DisplayName("查询中夹带表达式（含 orQueries）被拒绝")
  void expressionsInQueries_areRejected() {
    Map<String, Object> query = Map.of("orQueries", List.of(Map.of("assigneeExpression", "${currentUser()}")));
    ResponseEntity<String> response = call("zhangwei", "demo", HttpMethod.POST, "/engine-rest/task", json(query));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).contains("不允许使用表达式");
    assertThat(call("zhangwei", "demo", HttpMethod.GET, "/engine-rest/task?assigneeExpression={e}", null, "${currentUser()}").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  @DisplayName("重新部署模型仅限管理员：匿名 401，网格员 403，demo 200")
  void redeploy_isAdminOnly() throws Exception {
    assertThat(rest.postForEntity("/api/admin/models/redeploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(call("zhangwei", "demo", HttpMethod.POST, "/api/admin/models/redeploy", null)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> ok = call("demo", "demo", HttpMethod.POST, "/api/admin/models/redeploy", null);
    assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(JSON.readTree(ok.getBody()).get("deployed")).isEmpty();
    assertThat(JSON.readTree(ok.getBody()).get("calendar").asText()).contains("节假日表已重新加载");
  }

  /** Sends the Basic header on the first request, as Tasklist's REST clients and integrators do. */
  private ResponseEntity<String> call(String user, String password, HttpMethod method, String url, Object body,
      Object... uriVariables) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password, java.nio.charset.StandardCharsets.UTF_8);
    headers.setContentType(MediaType.APPLICATION_JSON);
    String content;
    try {
      content = body == null ? null : body instanceof HttpEntity<?> entity ? (String) entity.getBody()
          : JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return rest.exchange(url, method, new HttpEntity<>(content, headers), String.class, uriVariables);
  }

  private ResponseEntity<String> start(String user, Map<String, Object> body) {
    return call(user, "demo", HttpMethod.POST, "/engine-rest/process-definition/key/reception/start", json(body));
  }

  private JsonNode tasks(String user, String processInstanceId) throws Exception {
    return JSON.readTree(call(user, "demo", HttpMethod.GET, "/engine-rest/task?processInstanceId=" + processInstanceId, null).getBody());
  }

  private List<String> filterNames(String user) throws Exception {
    List<String> names = new ArrayList<>();
    JSON.readTree(call(user, "demo", HttpMethod.GET, "/engine-rest/filter", null)
        .getBody()).forEach(f -> names.add(f.get("name").asText()));
    return names;
  }

  private static void assertBadRequest(ResponseEntity<String> response, String message) throws Exception {
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(JSON.readTree(response.getBody()).get("message").asText()).contains(message);
  }

  static Map<String, Object> startBody(String channel, String category, String phone, String name) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("channel", Map.of("value", channel, "type", "String"));
    variables.put("residentName", Map.of("value", name, "type", "String"));
    variables.put("residentPhone", Map.of("value", phone, "type", "String"));
    variables.put("category", Map.of("value", category, "type", "String"));
    variables.put("summary", Map.of("value", "咨询", "type", "String"));
    variables.put("priorityGroup", Map.of("value", "none", "type", "String"));
    return Map.of("variables", variables);
  }

  private static HttpEntity<String> json(Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    try {
      return new HttpEntity<>(JSON.writeValueAsString(body), headers);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
