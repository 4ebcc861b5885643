package cn.shequflow.authorization;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * EXISTS form of {@link GrantJoinRewrite}, a task query's candidate-group join in that of
 * {@link CandidateGroupRewrite}, and a task query's process keys with the ids {@link ProcessKeyHint} adds, with the same
 * parameters; every other statement passes unchanged.
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
    Executor executor = (Executor) invocation.getTarget();
    Optional<String> hinted = hinted(executor, statement, bound);
    String sql = hinted.orElse(bound.getSql());
    Optional<GrantJoinRewrite.Result> grants =
        sql.contains("AUTH") ? GrantJoinRewrite.of(sql) : Optional.empty();
    GrantJoinRewrite.Result rewrite = grants.orElseGet(() -> unchanged(sql, bound));
    // placeholders do not move in the candidate-group rewrite: the grant rewrite's parameter order still holds
    Optional<String> candidates = sql.contains("IDENTITYLINK") ? CandidateGroupRewrite.of(rewrite.sql()) : Optional.empty();
    if (grants.isEmpty() && candidates.isEmpty() && hinted.isEmpty()) {
      return invocation.proceed();
    }
    if (candidates.isPresent()) {
      rewrite = new GrantJoinRewrite.Result(candidates.get(), rewrite.parameterOrder());
    } else if (grants.isPresent()) {
      // the EXISTS repeats no task: the DISTINCT the grant join needed goes too (when nothing else is joined)
      rewrite = new GrantJoinRewrite.Result(CandidateGroupRewrite.withoutDistinct(rewrite.sql()),
          rewrite.parameterOrder());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("查询改写：{}（授权：{}，候选组：{}，流程定义：{}）", statement.getId(), grants.isPresent(),
          candidates.isPresent(), hinted.isPresent());
    }
    BoundSql rewritten = rebind(statement, bound, rewrite);
    RowBounds rowBounds = (RowBounds) args[2];
    CacheKey key = executor.createCacheKey(statement, parameter, rowBounds, rewritten);
    return executor.query(statement, parameter, rowBounds, (ResultHandler<?>) args[3], key, rewritten);
  }

  /** The SQL with {@link ProcessKeyHint}'s ids of the definitions its task query names by key, or empty. */
  private static Optional<String> hinted(Executor executor, MappedStatement statement, BoundSql bound)
      throws SQLException {
    String sql = bound.getSql();
    if (!sql.contains("PROCDEF")) {
      return Optional.empty();
    }
    Optional<ProcessKeyHint.KeyCondition> found = ProcessKeyHint.find(sql);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ProcessKeyHint.KeyCondition condition = found.get();
    List<ParameterMapping> mappings = bound.getParameterMappings();
    if (condition.firstParameter() + condition.parameters() > mappings.size()) {
      return Optional.empty();
    }
    List<String> keys = new ArrayList<>();
    for (int i = condition.firstParameter(); i < condition.firstParameter() + condition.parameters(); i++) {
      if (!(value(statement, bound, mappings.get(i)) instanceof String key)) {
        return Optional.empty();
      }
      keys.add(key);
    }
    String lookup = "select ID_ from " + condition.definitions() + " where KEY_ in ("
        + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")";
    List<String> ids = new ArrayList<>();
    Connection connection = executor.getTransaction().getConnection();
    try (PreparedStatement query = connection.prepareStatement(lookup)) {
      for (int i = 0; i < keys.size(); i++) {
        query.setString(i + 1, keys.get(i));
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return condition.hinted(sql, ids);
  }

  /** A placeholder's value as MyBatis' own parameter handler reads it. */
  private static Object value(MappedStatement statement, BoundSql bound, ParameterMapping mapping) {
    String property = mapping.getProperty();
    Object parameter = bound.getParameterObject();
    if (bound.hasAdditionalParameter(property)) {
      return bound.getAdditionalParameter(property);
    }
    if (parameter == null) {
      return null;
    }
    if (statement.getConfiguration().getTypeHandlerRegistry().hasTypeHandler(parameter.getClass())) {
      return parameter;
    }
    return statement.getConfiguration().newMetaObject(parameter).getValue(property);
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
