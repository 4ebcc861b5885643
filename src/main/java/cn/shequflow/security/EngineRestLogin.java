package cn.shequflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.spring.SpringTransactionsProcessEngineConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HTTP Basic for /engine-rest that settles who is calling in one transaction: the password check and the caller's
 * groups are read together (the engine's filter would open three transactions per request, for the password,
 * the groups and the tenants). The caller's tenant list is empty: the app defines no tenants and keeps all data
 * without one, and a tenant someone created by hand would only hide its data from REST callers, never show more
 * (issue 11, cheaper cases). Nothing is cached between requests, so a changed password or membership counts at once.
 */
public class EngineRestLogin extends HttpBasicAuthenticationProvider {

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    return inOneTransaction(engine, () -> {
      AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
      if (result.isAuthenticated()) {
        result.setGroups(engine.getIdentityService().createGroupQuery().groupMember(result.getAuthenticatedUser())
            .list().stream().map(Group::getId).toList());
        result.setTenants(List.of());
      }
      return result;
    });
  }

  private static AuthenticationResult inOneTransaction(ProcessEngine engine, Supplier<AuthenticationResult> login) {
    if (engine.getProcessEngineConfiguration() instanceof SpringTransactionsProcessEngineConfiguration spring
        && spring.getTransactionManager() != null) {
      return new TransactionTemplate(spring.getTransactionManager()).execute(status -> login.get());
    }
    return login.get();
  }
}
