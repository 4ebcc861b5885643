package cn.shequflow.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.stereotype.Component;

/**
 * Feeds the audit log from inside the engine, so that no door is missed: every new deployment (folder, the admins'
 * redeploy, /engine-rest/deployment/create, Camunda Modeler) through a post-deployer, and every user, group,
 * membership, tenant and authorization change made by a logged-in person (Admin webapp or REST) from the engine's
 * own user operation log. The app's own provisioning at start-up runs unauthenticated and is not an operator's act.
 */
@Component
class AuditEnginePlugin extends AbstractProcessEnginePlugin {

  private static final Map<String, String> ACTIONS = Map.of(
      EntityTypes.USER, AuditLog.USER,
      EntityTypes.GROUP, AuditLog.GROUP,
      EntityTypes.GROUP_MEMBERSHIP, AuditLog.MEMBERSHIP,
      EntityTypes.TENANT, AuditLog.TENANT,
      EntityTypes.TENANT_MEMBERSHIP, AuditLog.TENANT,
      EntityTypes.AUTHORIZATION, AuditLog.AUTHORIZATION,
      EntityTypes.DEPLOYMENT, AuditLog.DEPLOYMENT);

  private final AuditLog audit;

  AuditEnginePlugin(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(new OperationLogHandler());
    configuration.setCustomHistoryEventHandlers(handlers);
    List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPostDeployers());
    deployers.add(this::deployed);
    configuration.setCustomPostDeployers(deployers);
  }

  /** Deployers also run when a deployment is loaded into the cache again; only a new one is an event. */
  private void deployed(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    int files = deployment.getResources() == null ? 0 : deployment.getResources().size();
    audit.record(AuditLog.Event.of(actor(), AuditLog.DEPLOYMENT, "deployment", deployment.getId(), AuditLog.SUCCESS)
        .operation("Create")
        .detail("名称：" + deployment.getName() + "；来源：" + deployment.getSource() + "；文件数：" + files));
  }

  private static String actor() {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    if (user != null) {
      return user;
    }
    HttpServletRequest request = AuditLog.currentRequest();
    return request == null ? null : (String) request.getAttribute(AuditLog.REQUEST_USER);
  }

  /**
   * Reads the engine's user operation log entries as they are written. The engine writes one entry per changed
   * property, in separate calls; they are gathered per command and written as one audit row per operation when the
   * command closes — inside its transaction, so a failed change leaves no row.
   */
  private final class OperationLogHandler implements HistoryEventHandler {

    private final ThreadLocal<Map<CommandContext, Map<String, List<UserOperationLogEntryEventEntity>>>> pending =
        ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    @Override
    public void handleEvent(HistoryEvent event) {
      handleEvents(List.of(event));
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      for (HistoryEvent event : events) {
        if (event instanceof UserOperationLogEntryEventEntity entry && ACTIONS.containsKey(entry.getEntityType())
            // new deployments are recorded by the post-deployer, also when nobody is logged in
            && !(EntityTypes.DEPLOYMENT.equals(entry.getEntityType()) && "Create".equals(entry.getOperationType()))) {
          operationsOfThisCommand().computeIfAbsent(entry.getOperationId() + "/" + entry.getEntityType(),
              id -> new ArrayList<>()).add(entry);
        }
      }
    }

    private Map<String, List<UserOperationLogEntryEventEntity>> operationsOfThisCommand() {
      CommandContext context = Context.getCommandContext();
      Map<CommandContext, Map<String, List<UserOperationLogEntryEventEntity>>> byContext = pending.get();
      Map<String, List<UserOperationLogEntryEventEntity>> operations = byContext.get(context);
      if (operations == null) {
        Map<String, List<UserOperationLogEntryEventEntity>> created = new LinkedHashMap<>();
        byContext.put(context, created);
        context.registerCommandContextListener(new CommandContextListener() {
          @Override
          public void onCommandContextClose(CommandContext closing) {
            forget(closing);
            created.values().forEach(OperationLogHandler.this::record);
          }

          @Override
          public void onCommandFailed(CommandContext failed, Throwable t) {
            forget(failed);
          }
        });
        operations = created;
      }
      return operations;
    }

    private void forget(CommandContext context) {
      pending.get().remove(context);
      if (pending.get().isEmpty()) {
        pending.remove();
      }
    }

    private void record(List<UserOperationLogEntryEventEntity> entries) {
      UserOperationLogEntryEventEntity first = entries.get(0);
      Map<String, String> values = new LinkedHashMap<>();
      for (UserOperationLogEntryEventEntity entry : entries) {
        // never a password, should a future engine version log one
        if (entry.getProperty() != null && !entry.getProperty().toLowerCase().contains("password")) {
          String value = entry.getNewValue() != null ? entry.getNewValue() : entry.getOrgValue();
          if (value != null) {
            values.put(entry.getProperty(), value);
          }
        }
      }
      String objectId = switch (first.getEntityType()) {
        case EntityTypes.USER -> values.get("userId");
        case EntityTypes.GROUP -> values.get("groupId");
        case EntityTypes.GROUP_MEMBERSHIP -> values.get("userId") + " → " + values.get("groupId");
        case EntityTypes.DEPLOYMENT -> first.getDeploymentId();
        case EntityTypes.TENANT, EntityTypes.TENANT_MEMBERSHIP -> values.get("tenantId");
        default -> null;
      };
      String detail = null;
      if (EntityTypes.AUTHORIZATION.equals(first.getEntityType())) {
        // ids and permission names only, e.g. "resource=Process Definition, resourceId=*, groupId=grid-1, ..."
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> {
          if (!"permissionBits".equals(key)) {
            text.append(text.isEmpty() ? "" : "，").append(key).append('=').append(value);
          }
        });
        detail = text.toString();
      }
      audit.record(new AuditLog.Event(first.getUserId(), ACTIONS.get(first.getEntityType()), first.getOperationType(),
          first.getEntityType(), objectId, AuditLog.SUCCESS, detail));
    }
  }
}
