package cn.shequflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.stereotype.Component;

/**
 * The engine side of passwords and logins (issue 10 items 1, 6, 11): the production password policy (switched on by
 * enable-password-policy in the prod profile) with a Chinese 400 instead of the engine's English 500 when a password
 * is refused, and an identity provider that reports every password check to {@link LoginEvents}.
 */
@Component
class IdentityPlugin extends AbstractProcessEnginePlugin {

  static final String POLICY_REFUSED = "密码不符合密码策略：" + PasswordRules.DESCRIPTION + "，且不能包含用户名或姓名";

  private final LoginEvents loginEvents;

  IdentityPlugin(LoginEvents loginEvents) {
    this.loginEvents = loginEvents;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setPasswordPolicy(new ShequPasswordPolicy());
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new PolicyRefusalInChinese());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return ReportingIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new ReportingIdentityProvider(loginEvents);
      }
    });
  }

  /** The engine's own provider, telling whether each check succeeded, and whether the account was being delayed. */
  static class ReportingIdentityProvider extends DbIdentityServiceProvider {
    private final LoginEvents events;

    ReportingIdentityProvider(LoginEvents events) {
      this.events = events;
    }

    @Override
    public boolean checkPassword(String userId, String password) {
      UserEntity user = userId == null ? null : getDbEntityManager().selectById(UserEntity.class, userId);
      boolean locked = user != null && isUserLocked(user);
      boolean success = super.checkPassword(userId, password);
      events.checked(userId, user != null, locked, success);
      return success;
    }
  }

  /** SaveUserCmd throws a plain ProcessEngineException (REST: 500, English) when the policy refuses a password. */
  static class PolicyRefusalInChinese extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (BadUserRequestException e) {
        throw e;
      } catch (ProcessEngineException e) {
        if ("Password does not match policy".equals(e.getMessage())) {
          throw new BadUserRequestException(POLICY_REFUSED);
        }
        throw e;
      }
    }
  }
}
