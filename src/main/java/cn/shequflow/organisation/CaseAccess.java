package cn.shequflow.organisation;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Lets a grid read the cases that belong to it (case data in Tasklist's list columns, and the case history of
 * Tasklist's 历史记录 tab), one pair of grants per case, so no worker can read another grid's residents (R-1.2-7).
 */
@Component
public class CaseAccess {

  private final AuthorizationService authorizationService;

  CaseAccess(AuthorizationService authorizationService) {
    this.authorizationService = authorizationService;
  }

  /** Called inside the engine while the case starts; the worker starting it may not create grants themselves. */
  public void grantToGroup(String processInstanceId, String groupId) {
    Context.getCommandContext().runWithoutAuthorization(() -> {
      grant(groupId, Resources.PROCESS_INSTANCE, processInstanceId, ProcessInstancePermissions.READ);
      grant(groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
          HistoricProcessInstancePermissions.READ);
      return null;
    });
  }

  private void grant(String groupId, Resources resource, String resourceId, Permission permission) {
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(permission);
    authorizationService.saveAuthorization(grant);
  }
}
