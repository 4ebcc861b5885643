package cn.shequflow.organisation;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Lets a grid read the cases that belong to it (case data in Tasklist's list columns, and the case history of
 * Tasklist's 历史记录 tab), one pair of grants per case, so no worker can read another grid's residents (R-1.2-7).
 */
@Component
public class CaseAccess {

  private final AuthorizationService authorizationService;
  private final Organisation organisation;

  CaseAccess(AuthorizationService authorizationService, Organisation organisation) {
    this.authorizationService = authorizationService;
    this.organisation = organisation;
  }

  /**
   * Called inside the engine while the case starts (the worker starting it may not create grants themselves), or by
   * the app's own code after it started a case (the visit plan, issue 10 item 7). Granting twice changes nothing.
   */
  public void grantToGroup(String processInstanceId, String groupId) {
    withoutUser(() -> grants(processInstanceId, groupId));
  }

  /**
   * While a case waits in the intake queue (新留言与邮件), every grid may read it, its waiting task included, so any
   * worker can see what the resident asks and claim it; no grid reads its history yet.
   */
  public void grantWhileQueued(String processInstanceId, String taskId, List<String> groupIds) {
    withoutUser(() -> {
      for (String groupId : groupIds) {
        if (processInstanceId != null) {
          grant(groupId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
        }
        if (taskId != null) {
          // one grant with both: a second query in the same command would not see the first grant's insert
          grant(groupId, Resources.TASK, taskId, Permissions.READ, TaskPermissions.TASK_WORK);
        }
      }
    });
  }

  /** Takes back what {@link #grantWhileQueued} gave, once a worker has claimed the case: the other grids lose it. */
  public void revokeQueued(String processInstanceId, String taskId, List<String> groupIds) {
    if (groupIds.isEmpty()) {
      return;
    }
    withoutUser(() -> {
      String[] groups = groupIds.toArray(String[]::new);
      authorizationService.createAuthorizationQuery().groupIdIn(groups).resourceType(Resources.PROCESS_INSTANCE)
          .resourceId(processInstanceId).list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
      authorizationService.createAuthorizationQuery().groupIdIn(groups).resourceType(Resources.TASK)
          .resourceId(taskId).list().forEach(a -> authorizationService.deleteAuthorization(a.getId()));
    });
  }

  private void withoutUser(Runnable action) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      command.runWithoutAuthorization(() -> {
        action.run();
        return null;
      });
    } else {
      organisation.runAsApp(() -> {
        action.run();
        return null;
      });
    }
  }

  private void grants(String processInstanceId, String groupId) {
    grant(groupId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
    grant(groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId, HistoricProcessInstancePermissions.READ);
  }

  private void grant(String groupId, Resources resource, String resourceId, Permission... permissions) {
    // the engine allows one grant per group and resource; a repeated call (a backfill resumed) must not fail on it
    Authorization grant = authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
    if (grant == null) {
      grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    } else if (java.util.Arrays.stream(permissions).allMatch(grant::isPermissionGranted)) {
      return;
    }
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizationService.saveAuthorization(grant);
  }
}
