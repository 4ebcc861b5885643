package cn.shequflow.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 items 3 and 7 on a database set up by an earlier version: provisioning (at every start) takes back the
 * wildcard CREATE_INSTANCE and the grid-wide READ_INSTANCE on home-visit, and first gives the grid's open visits
 * their own grant, so Tasklist keeps showing their numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StaleGrantsTest {

  @Autowired AuthorizationProvisioner provisioner;
  @Autowired AuthorizationService authorizationService;
  @Autowired RuntimeService runtimeService;
  @Autowired Organisation organisation;

  @Test
  @DisplayName("issue 10 item 3/7：旧版本留下的 CREATE_INSTANCE(*) 和 home-visit READ_INSTANCE 在启动同步时被撤销，未完成走访改为按事项授权")
  void provisioningRevokesTheOldWildcardsAndGrantsOpenVisitsOneByOne() {
    // a visit as an earlier version left it: started, but no grant of its own
    Map<String, Object> variables = new HashMap<>(Map.of("householdId", 1L, "householdNo", "OLD-1", "grid", "grid-3",
        "dueAt", new java.util.Date(), "firstVisit", true, "caseNumber", "ZF-OLD-1", "period", "2026"));
    String visit = organisation.runAsApp(
        () -> runtimeService.startProcessInstanceByKey("home-visit", "ZF-OLD-1", variables).getId());
    add("grid-3", Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.CREATE_INSTANCE);
    add("grid-3", Resources.PROCESS_DEFINITION, "home-visit", ProcessDefinitionPermissions.READ_INSTANCE);
    add("managers", Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.CREATE_INSTANCE);
    assertThat(may("wangfang", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "escalation")).isTrue();

    provisioner.provision();

    assertThat(may("wangfang", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "escalation")).isFalse();
    assertThat(may("liuyang", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "duty-shift")).isFalse();
    assertThat(may("wangfang", ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
        "home-visit")).isFalse();
    assertThat(may("wangfang", ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION,
        "reception")).isTrue();
    assertThat(may("wangfang", ProcessDefinitionPermissions.READ, Resources.PROCESS_DEFINITION, "escalation")).isTrue();
    assertThat(may("wangfang", ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, visit)).isTrue();
    assertThat(may("lina", ProcessInstancePermissions.READ, Resources.PROCESS_INSTANCE, visit)).isFalse();
    runtimeService.deleteProcessInstance(visit, "test");
  }

  private boolean may(String user, Permission permission, Resource resource, String id) {
    return authorizationService.isUserAuthorized(user, organisation.groupsOf(user), permission, resource, id);
  }

  private void add(String group, Resource resource, String id, Permission permission) {
    Authorization grant = authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(resource).resourceId(id).singleResult();
    if (grant == null) {
      grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(resource);
      grant.setResourceId(id);
    }
    grant.addPermission(permission);
    authorizationService.saveAuthorization(grant);
  }
}
