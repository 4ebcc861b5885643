package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * /engine-rest settles the caller's user and groups in one transaction per request (issue 11, cheaper cases) and
 * still reads them afresh on every request: a membership granted or taken away counts at the next call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineRestLoginTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE = "restprobe";
  private static final String PASSWORD = "Probe-Passw0rd-11";

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identityService;
  @Autowired ProcessEngineConfiguration configuration;

  @AfterEach
  void removeProbeUser() {
    identityService.deleteMembership(PROBE, "grid-1");
    identityService.deleteUser(PROBE);
  }

  @Test
  @DisplayName("网格成员资格每次请求重新读取：加入第一网格即可见其事项，移出后立即不可见")
  void membershipCountsAtTheNextRequest_inBothDirections() throws Exception {
    String processInstanceId = JSON.readTree(rest.withBasicAuth("zhangwei", "demo").postForEntity(
        "/engine-rest/process-definition/key/reception/start",
        json(RestAccessTest.startBody("letter", "general-inquiry", "13941400011", "周玉梅")), String.class).getBody())
        .get("id").asText();
    User probe = identityService.newUser(PROBE);
    probe.setPassword(PASSWORD);
    identityService.saveUser(probe);

    assertThat(tasks(processInstanceId)).isEmpty();
    identityService.createMembership(PROBE, "grid-1");
    assertThat(tasks(processInstanceId)).hasSize(1);
    identityService.deleteMembership(PROBE, "grid-1");
    assertThat(tasks(processInstanceId)).isEmpty();
  }

  @Test
  @DisplayName("密码错误仍是 401，不因合并事务而放行")
  void wrongPassword_isStillRefused() {
    User probe = identityService.newUser(PROBE);
    probe.setPassword(PASSWORD);
    identityService.saveUser(probe);
    identityService.createMembership(PROBE, "grid-1");

    assertThat(rest.withBasicAuth(PROBE, "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  @DisplayName("授权检查直接使用调用者的用户组，不再每条命令扫描整张授权表")
  void authorizationChecks_useTheCallersGroupsAsTheyAre() {
    AuthorizationManager manager = ((ProcessEngineConfigurationImpl) configuration).getCommandExecutorTxRequired()
        .execute(context -> context.getAuthorizationManager());

    assertThat(manager).isInstanceOf(AuthorizedGroups.CallerGroupsAuthorizationManager.class);
    assertThat(manager.filterAuthenticatedGroupIds(List.of("grid-1", "no-grants-here", "grid-1")))
        .containsExactly("grid-1", "no-grants-here");
    assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();
  }

  private JsonNode tasks(String processInstanceId) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(PROBE, PASSWORD)
        .getForEntity("/engine-rest/task?processInstanceId=" + processInstanceId, String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }

  private static HttpEntity<String> json(Object body) throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return new HttpEntity<>(JSON.writeValueAsString(body), headers);
  }
}
