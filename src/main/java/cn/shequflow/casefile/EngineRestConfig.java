package cn.shequflow.casefile;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/** Camunda's REST resources plus one mapping: bad case input is a 400 with its Chinese message, never a 500. */
@Component
@ApplicationPath("/engine-rest")
class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(InvalidInputMapper.class);
  }

  /**
   * Camunda's start endpoint wraps every engine exception into a RestException with status 500; this mapper (chosen
   * over Camunda's own by its priority) answers 400 when the cause is an {@link InvalidCaseInputException}.
   */
  @Priority(1)
  public static class InvalidInputMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidCaseInputException invalid) {
          return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
              .entity(Map.of("type", "InvalidCaseInputException", "message", invalid.getMessage(),
                  "field", String.valueOf((Object) invalid.getDetail())))
              .build();
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      return camunda.toResponse(exception);
    }
  }
}
