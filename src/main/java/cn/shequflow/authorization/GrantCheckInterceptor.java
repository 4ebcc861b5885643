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
 * EXISTS form of {@link GrantJoinRewrite}, and a task query's candidate-group join in that of
 * {@link CandidateGroupRewrite}, with the same parameters; every other statement passes unchanged.
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
    Optional<GrantJoinRewrite.Result> grants =
        sql.contains("AUTH") ? GrantJoinRewrite.of(sql) : Optional.empty();
    GrantJoinRewrite.Result rewrite = grants.orElseGet(() -> unchanged(sql, bound));
    // placeholders do not move in the candidate-group rewrite: the grant rewrite's parameter order still holds
    Optional<String> candidates = sql.contains("IDENTITYLINK") ? CandidateGroupRewrite.of(rewrite.sql()) : Optional.empty();
    if (grants.isEmpty() && candidates.isEmpty()) {
      return invocation.proceed();
    }
    if (candidates.isPresent()) {
      rewrite = new GrantJoinRewrite.Result(candidates.get(), rewrite.parameterOrder());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("查询改写为 EXISTS：{}（授权：{}，候选组：{}）", statement.getId(), grants.isPresent(),
          candidates.isPresent());
    }
    BoundSql rewritten = rebind(statement, bound, rewrite);
    Executor executor = (Executor) invocation.getTarget();
    RowBounds rowBounds = (RowBounds) args[2];
    CacheKey key = executor.createCacheKey(statement, parameter, rowBounds, rewritten);
    return executor.query(statement, parameter, rowBounds, (ResultHandler<?>) args[3], key, rewritten);
  }

  private static GrantJoinRewrite.Result unchanged(String sql, BoundSql bound) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < bound.getParameterMappings().size(); i++) {
      order.add(i);
    }
    return new GrantJoinRewrite.Result(sql, order);
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
