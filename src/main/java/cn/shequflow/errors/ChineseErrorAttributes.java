package cn.shequflow.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What Spring Boot's error handling (/error) shows for the app's own endpoints and pages, for requests no endpoint
 * matched and for errors the webapps' filters send: {"type", "message", "status", "path"} with a Chinese message —
 * as JSON for JSON clients, in the Chinese error pages (templates/error/) for browsers. A 4xx is logged as one WARN
 * line; a real failure has already been logged with its stack trace by the servlet container.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ChineseErrorAttributes extends DefaultErrorAttributes {

  @Override
  public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
    Map<String, Object> defaults = super.getErrorAttributes(request,
        ErrorAttributeOptions.defaults().including(ErrorAttributeOptions.Include.MESSAGE));
    Object code = defaults.get("status");
    // 999: /error opened directly, which is no error of anyone's and answers 404 (ChineseErrorController)
    int status = code instanceof Integer number && number != 999 ? number : 404;
    Throwable error = getError(request);
    String original = defaults.get("message") instanceof String text ? text : null;
    String message = message(status, error, original);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", error != null ? error.getClass().getSimpleName() : "HttpError");
    body.put("message", message);
    body.put("status", status);
    body.put("path", defaults.get("path"));
    if (status < 500) {
      String method = request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "";
      ChineseErrorFeature.LOG.warn("已拒绝 {} {} {}：{}（{}）", status, method, defaults.get("path"), message,
          error != null ? ChineseErrors.detail(error) : flat(original));
    }
    return body;
  }

  private static String message(int status, Throwable error, String original) {
    if (status >= 500) {
      return ChineseErrors.forStatus(status);
    }
    if (error instanceof MethodArgumentTypeMismatchException mismatch) {
      Class<?> type = mismatch.getRequiredType();
      String expected = type == null ? "" : Number.class.isAssignableFrom(type) || type == long.class
          || type == int.class ? "（应为整数）" : type == boolean.class || type == Boolean.class ? "（应为 true 或 false）" : "";
      return ChineseErrors.clean("参数“" + mismatch.getName() + "”的值“" + mismatch.getValue() + "”格式不正确" + expected);
    }
    if (error instanceof MissingServletRequestParameterException missing) {
      return "缺少参数“" + missing.getParameterName() + "”";
    }
    if (error instanceof MissingServletRequestPartException missing) {
      return "缺少上传的文件（表单字段 " + missing.getRequestPartName() + "）";
    }
    if (error instanceof HttpMessageNotReadableException unreadable) {
      Throwable cause = unreadable.getCause();
      if (cause instanceof JsonParseException) {
        return "请求体不是有效的 JSON，请检查括号、引号和逗号";
      }
      if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
        return "请求体中字段“" + mismatched.getPath().stream().map(p -> p.getFieldName() != null ? p.getFieldName()
            : String.valueOf(p.getIndex())).collect(Collectors.joining(".")) + "”的类型不正确";
      }
      return unreadable.getMessage() != null && unreadable.getMessage().startsWith("Required request body is missing")
          ? "缺少请求体：请以 JSON（application/json）提交" : "请求体无法读取：请以 JSON（application/json）提交";
    }
    if (error instanceof HttpMediaTypeNotSupportedException unsupported) {
      return "不支持的内容类型“" + unsupported.getContentType() + "”，请以 "
          + (unsupported.getSupportedMediaTypes().isEmpty() ? "application/json"
              : unsupported.getSupportedMediaTypes().get(0).toString()) + " 提交";
    }
    if (error instanceof HttpRequestMethodNotSupportedException method) {
      return "此地址不支持 " + method.getMethod() + " 请求"
          + (method.getSupportedMethods() == null ? "" : "（支持：" + String.join("、", method.getSupportedMethods()) + "）");
    }
    if (error instanceof NoResourceFoundException || error instanceof NoHandlerFoundException) {
      return "您要找的页面或接口不存在，请检查地址";
    }
    if (error instanceof MaxUploadSizeExceededException) {
      return "文件太大，超过了允许上传的大小；请拆成几个文件分批导入";
    }
    if (error instanceof MultipartException) {
      return "上传的内容不是有效的表单（multipart/form-data），请用表单字段 file 上传文件";
    }
    if (error instanceof ResponseStatusException refused && ChineseErrors.isChinese(refused.getReason())) {
      return ChineseErrors.clean(refused.getReason());
    }
    if (error != null) {
      ChineseErrors.Rejection rejection = ChineseErrors.of(error);
      if (rejection.expected()) {
        return rejection.message();
      }
    }
    if (original != null && original.contains("CSRF")) {
      return "安全校验失败（CSRF）：请刷新页面后重试";
    }
    if (ChineseErrors.isChinese(original)) {
      return ChineseErrors.clean(original);
    }
    return ChineseErrors.forStatus(status);
  }

  private static String flat(String text) {
    String flat = text == null ? "" : text.replaceAll("[\\p{Cntrl}]+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
