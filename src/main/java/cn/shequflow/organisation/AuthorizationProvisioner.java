package cn.shequflow.organisation;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  /** The procedures a worker or manager starts over REST or Tasklist (DESIGN.md: the resident's cases). */
  static final List<String> USER_STARTABLE = List.of("reception", "proxy-service", "complaint");

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationProvisioner.class);

  private final AuthorizationService authorizationService;
  private final IdentityService identityService;
  private final RuntimeService runtimeService;
  private final CaseAccess caseAccess;

  AuthorizationProvisioner(AuthorizationService authorizationService, IdentityService identityService,
      RuntimeService runtimeService, CaseAccess caseAccess) {
    this.authorizationService = authorizationService;
    this.identityService = identityService;
    this.runtimeService = runtimeService;
    this.caseAccess = caseAccess;
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

  /**
   * A grid worker starts resident cases and works the tasks of their own grid (granted per task by the engine); they
   * read a visit case only by its grant per case (VisitPlanner, issue 10 item 7).
   */
  private void worker(String group) {
    taskUser(group);
    grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
    startable(group);
    grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
    // earlier versions let every grid read every visit case (issue 10 finding 7); databases they set up keep that
    // grant, and their open visits have no grant of their own yet: give those first, so Tasklist keeps their numbers
    if (granted(group, "home-visit", ProcessDefinitionPermissions.READ_INSTANCE)) {
      grantOpenVisits(group);
      revoke(group, Resources.PROCESS_DEFINITION, "home-visit", ProcessDefinitionPermissions.READ_INSTANCE);
    }
  }

  private boolean granted(String group, String processKey, Permission permission) {
    Authorization authorization = authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
        .groupIdIn(group).resourceType(Resources.PROCESS_DEFINITION).resourceId(processKey).singleResult();
    return authorization != null && authorization.isPermissionGranted(permission);
  }

  private void grantOpenVisits(String grid) {
    int granted = 0;
    List<ProcessInstance> page;
    while (!(page = runtimeService.createProcessInstanceQuery().processDefinitionKey("home-visit")
        .variableValueEquals("grid", grid).orderByProcessInstanceId().asc().listPage(granted, 500)).isEmpty()) {
      page.forEach(visit -> caseAccess.grantToGroup(visit.getId(), grid));
      granted += page.size();
    }
    LOG.info("走访事项改为按事项授权：{} 的 {} 件未完成走访已单独授权，撤销对全部走访的读取权限", grid, granted);
  }

  /**
   * CREATE_INSTANCE only on the procedures people start (issue 10 item 3): escalation, home-visit and duty-shift are
   * started by the app (a call activity needs no such grant, the visit plan and the roster run without a user).
   * Earlier versions granted it on every definition ("*"); provisioning takes that back at every start.
   */
  private void startable(String group) {
    revoke(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.CREATE_INSTANCE);
    for (String key : USER_STARTABLE) {
      grant(group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
  }

  private void manager(String group) {
    taskUser(group);
    grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(group, Resources.PROCESS_DEFINITION, "*",
        ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK,
        ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.TASK_WORK,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    startable(group);
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

  /** Takes permissions back from a group's grant on a process definition; a grant left with none is deleted. */
  void revoke(String group, Resource resource, String resourceId, ProcessDefinitionPermissions... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .authorizationType(AUTH_TYPE_GRANT).groupIdIn(group).resourceType(resource).resourceId(resourceId)
        .singleResult();
    if (authorization == null
        || java.util.Arrays.stream(permissions).noneMatch(authorization::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      authorization.removePermission(permission);
    }
    // NONE (value 0) counts as granted on every grant, so it is left out of "anything left?"
    boolean anyLeft = java.util.Arrays.stream(ProcessDefinitionPermissions.values())
        .anyMatch(p -> p.getValue() != 0 && authorization.isPermissionGranted(p));
    if (anyLeft) {
      authorizationService.saveAuthorization(authorization);
    } else {
      authorizationService.deleteAuthorization(authorization.getId());
    }
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
