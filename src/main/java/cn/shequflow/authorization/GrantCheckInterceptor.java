package cn.shequflow.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MyBatis plugin on the engine's SQL sessions: every query whose SQL carries the engine's grant join is sent in the
 * EXISTS form of {@link GrantJoinRewrite}, with the same parameters; every other statement passes unchanged.
 */
@Intercepts(@Signature(type = Executor.class, method = "query",
    args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}))
public class GrantCheckInterceptor implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(GrantCheckInterceptor.class);

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    Object[] args = invocation.getArgs();
    MappedStatement statement = (MappedStatement) args[0];
    if (statement.getSqlCommandType() != SqlCommandType.SELECT) {
      return invocation.proceed();
    }
    Object parameter = args[1];
    BoundSql bound = statement.getBoundSql(parameter);
    String sql = bound.getSql();
    if (!sql.contains("AUTH")) {
      return invocation.proceed();
    }
    Optional<GrantJoinRewrite.Result> rewrite = GrantJoinRewrite.of(sql);
    if (rewrite.isEmpty()) {
      return invocation.proceed();
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("授权检查改写为 EXISTS：{}", statement.getId());
    }
    BoundSql rewritten = rebind(statement, bound, rewrite.get());
    Executor executor = (Executor) invocation.getTarget();
    RowBounds rowBounds = (RowBounds) args[2];
    CacheKey key = executor.createCacheKey(statement, parameter, rowBounds, rewritten);
    return executor.query(statement, parameter, rowBounds, (ResultHandler<?>) args[3], key, rewritten);
  }

  static BoundSql rebind(MappedStatement statement, BoundSql bound, GrantJoinRewrite.Result rewrite) {
    List<ParameterMapping> original = bound.getParameterMappings();
    List<ParameterMapping> mappings = new ArrayList<>(rewrite.parameterOrder().size());
    for (int index : rewrite.parameterOrder()) {
      mappings.add(original.get(index));
    }
    BoundSql rewritten = new BoundSql(statement.getConfiguration(), rewrite.sql(), mappings, bound.getParameterObject());
    bound.getAdditionalParameters().forEach(rewritten::setAdditionalParameter);
    return rewritten;
  }
}
