package cn.shequflow.organisation;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Grants each kind of group what its work needs, in every profile: a grid sees only the tasks it is
 * candidate for (the engine grants those per task), managers see the whole community, analysts only models.
 */
@Component
class AuthorizationProvisioner {

  private final AuthorizationService authorizationService;
  private final IdentityService identityService;

  AuthorizationProvisioner(AuthorizationService authorizationService, IdentityService identityService) {
    this.authorizationService = authorizationService;
    this.identityService = identityService;
  }

  @EventListener
  @Order(20)
  public void onStart(ApplicationStartedEvent event) {
    provision();
  }

  /** Grids created later in Admin get their grants without a restart. */
  @Scheduled(fixedDelayString = "${shequ.organisation.sync-interval:PT5M}", initialDelayString = "${shequ.organisation.sync-interval:PT5M}")
  public void provision() {
    ensureGroup(Organisation.MANAGERS, "社区书记/主任");
    ensureGroup(Organisation.STREET_OFFICE, "街道办事处");
    ensureGroup(Organisation.ANALYSTS, "流程分析员");
    nameInChinese(Organisation.ADMINS, "系统管理员");
    for (Group group : identityService.createGroupQuery().list()) {
      if (Organisation.isGrid(group.getId())) {
        worker(group.getId());
      }
    }
    manager(Organisation.MANAGERS);
    streetOffice(Organisation.STREET_OFFICE);
    analyst(Organisation.ANALYSTS);
  }

  /** A grid worker starts cases and works the tasks of their own grid (granted per task by the engine). */
  private void worker(String group) {
    taskUser(group);
    grant(group, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // visit cases carry only household ids and numbers (R-1.2-7), so Tasklist may show them without a grant per case
    grant(group, Resources.PROCESS_DEFINITION, "home-visit", ProcessDefinitionPermissions.READ_INSTANCE);
  }

  private void manager(String group) {
    taskUser(group);
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
        ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.TASK_WORK,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.READ, Permissions.CREATE);
    grant(group, Resources.TASK, "*", TaskPermissions.READ, TaskPermissions.UPDATE, TaskPermissions.TASK_ASSIGN,
        TaskPermissions.TASK_WORK);
    grant(group, Resources.HISTORIC_TASK, "*", HistoricTaskPermissions.READ);
    grant(group, Resources.HISTORIC_PROCESS_INSTANCE, "*", HistoricProcessInstancePermissions.READ);
    grant(group, Resources.DEPLOYMENT, "*", Permissions.READ);
    grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ_HISTORY);
    grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
  }

  private void streetOffice(String group) {
    taskUser(group);
    grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
  }

  /**
   * Analysts read models and decisions, not residents' cases (R-1.2-7), and deploy them from Camunda Modeler
   * (issue 10 item 2): CREATE is all a deployment needs, and every deployment passes the deployment guard. No DELETE:
   * deleting a deployment would take its running cases with it.
   */
  private void analyst(String group) {
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
    grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ);
    grant(group, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
    grant(group, Resources.DEPLOYMENT, "*", Permissions.READ, Permissions.CREATE);
  }

  /** Everyone who works tasks: Tasklist, names of colleagues, and the service catalogue (R-1.2-3). */
  private void taskUser(String group) {
    grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(group, Resources.USER, "*", Permissions.READ);
    grant(group, Resources.GROUP, "*", Permissions.READ);
    grant(group, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE);
  }

  void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(group);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      authorization.addPermission(permission);
    }
    authorizationService.saveAuthorization(authorization);
  }

  /** The engine creates camunda-admin as "camunda BPM Administrators"; workers read Chinese. */
  private void nameInChinese(String id, String name) {
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group != null && !name.equals(group.getName())) {
      group.setName(name);
      identityService.saveGroup(group);
    }
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }
}
