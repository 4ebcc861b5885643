package cn.shequflow.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Camunda's REST exception mappers in every JAX-RS application (/engine-rest and the webapps' /camunda/api/…):
 * each answers with Camunda's {"type", "message"} shape, the message in Chinese from {@link ChineseErrors}, and logs
 * an expected rejection as one WARN line, a real failure at ERROR with its stack trace.
 */
public class ChineseErrorFeature implements Feature {

  static final Logger LOG = LoggerFactory.getLogger("cn.shequflow.errors");

  @Override
  public boolean configure(FeatureContext context) {
    context.register(AnyMapper.class);
    context.register(EngineMapper.class);
    context.register(RestMapper.class);
    context.register(JsonMappingMapper.class);
    context.register(JsonParseMapper.class);
    return true;
  }

  /** The response for a throwable, shared by the mappers. */
  static Response respond(Throwable thrown, Request request, UriInfo uri) {
    ChineseErrors.Rejection rejection = ChineseErrors.of(thrown);
    String where = (request == null ? "" : request.getMethod() + " ")
        + (uri == null ? "" : uri.getRequestUri().getRawPath());
    String message = rejection.message();
    if (rejection.expected()) {
      LOG.warn("已拒绝 {} {}：{}（{}）", rejection.status(), where, message, ChineseErrors.detail(thrown, rejection));
    } else {
      // the worker reads a number the operator finds in the log, next to the engine's own words and stack trace
      String reference = String.format("%08x", ThreadLocalRandom.current().nextInt());
      message = message + "（错误编号 " + reference + "）";
      LOG.error("请求失败 {} {} 错误编号 {}：{}", rejection.status(), where, reference,
          ChineseErrors.detail(thrown, rejection), thrown);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", rejection.type());
    body.put("message", message);
    body.put("code", thrown instanceof ProcessEngineException engine ? engine.getCode() : null);
    if (rejection.field() != null) {
      body.put("field", rejection.field());
    }
    Response.ResponseBuilder response = thrown instanceof WebApplicationException web && web.getResponse() != null
        && web.getResponse().getStatus() == rejection.status()
        ? Response.fromResponse(web.getResponse()) : Response.status(rejection.status());
    // Allow (405) and WWW-Authenticate (401) stay; the body is ours
    return response.entity(body).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
  }

  // Jersey picks the mapper of the nearest exception type, then the lowest @Priority: one per type Camunda maps

  /** Anything else (Camunda's ExceptionHandler maps Throwable). */
  @Priority(1)
  public static class AnyMapper implements ExceptionMapper<Throwable> {
    @Context Request request;
    @Context UriInfo uri;

    @Override
    public Response toResponse(Throwable exception) {
      return respond(exception, request, uri);
    }
  }

  /** Engine exceptions. */
  @Priority(1)
  public static class EngineMapper implements ExceptionMapper<ProcessEngineException> {
    @Context Request request;
    @Context UriInfo uri;

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return respond(exception, request, uri);
    }
  }

  /** The REST layer's own wrappers ("Cannot instantiate process definition …"). */
  @Priority(1)
  public static class RestMapper implements ExceptionMapper<RestException> {
    @Context Request request;
    @Context UriInfo uri;

    @Override
    public Response toResponse(RestException exception) {
      return respond(exception, request, uri);
    }
  }

  /** Bodies whose JSON does not fit the expected structure. */
  @Priority(1)
  public static class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
    @Context Request request;
    @Context UriInfo uri;

    @Override
    public Response toResponse(JsonMappingException exception) {
      return respond(exception, request, uri);
    }
  }

  /** Bodies that are not JSON. */
  @Priority(1)
  public static class JsonParseMapper implements ExceptionMapper<JsonParseException> {
    @Context Request request;
    @Context UriInfo uri;

    @Override
    public Response toResponse(JsonParseException exception) {
      return respond(exception, request, uri);
    }
  }
}
