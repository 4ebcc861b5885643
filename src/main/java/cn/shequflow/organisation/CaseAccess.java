package cn.shequflow.organisation;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Lets a grid read the cases that belong to it (case data in Tasklist's list columns and history), one grant per
 * case, so no worker can read another grid's residents (R-1.2-7).
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
      Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(Resources.PROCESS_INSTANCE);
      grant.setResourceId(processInstanceId);
      grant.addPermission(ProcessInstancePermissions.READ);
      authorizationService.saveAuthorization(grant);
      return null;
    });
  }
}
