package cn.shequflow.errors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The engine logs every failed command at ERROR with its stack trace ("ENGINE-16004 Exception while closing command
 * context"), bad input included; this filter turns the expected rejections (our Chinese validation, form
 * validation, authorization, unknown ids …, as {@link ChineseErrors} classifies them) into one DEBUG line — the HTTP
 * layer that answers the request logs the one WARN line — so real failures keep their stack trace and stand out.
 * Declared in logback-spring.xml, so it is there again whenever logging is re-initialised.
 */
public class ExpectedRejectionLogFilter extends TurboFilter {

  /** Where the engine logs failed commands (ENGINE-16004). */
  static final String ENGINE_CONTEXT = "org.camunda.bpm.engine.context";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // only while answering an HTTP request, whose answer logs the WARN line; a failing job keeps its ERROR
    if (level != Level.ERROR || logger == null || !logger.getName().equals(ENGINE_CONTEXT)
        || RequestContextHolder.getRequestAttributes() == null) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t != null ? t
        : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    if (thrown == null) {
      return FilterReply.NEUTRAL;
    }
    ChineseErrors.Rejection rejection = ChineseErrors.of(thrown);
    if (!rejection.expected()) {
      return FilterReply.NEUTRAL;
    }
    // logged again below without a throwable, so this filter lets that line through
    logger.debug("已拒绝 {} {}（{}）", rejection.status(), rejection.message(), ChineseErrors.detail(thrown));
    return FilterReply.DENY;
  }
}
