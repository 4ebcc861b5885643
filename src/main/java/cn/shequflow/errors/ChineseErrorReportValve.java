package cn.shequflow.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.web.util.HtmlUtils;

/**
 * Tomcat's own error report, for requests it refuses before the app sees them (an encoded "/" or a null byte in
 * the path, a malformed request line): a short Chinese page or JSON instead of Tomcat's English "HTTP Status 400".
 */
public class ChineseErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    boolean html = wantsHtml(request.getHeader("Accept"));
    try {
      response.setContentType(html ? "text/html" : "application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body(status, ChineseErrors.forStatus(status), html));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was already used: nothing more to tell it
    }
  }

  static boolean wantsHtml(String accept) {
    return accept != null && accept.contains("text/html");
  }

  /** The short Chinese page (for browsers) or JSON answer of a refused request; no stack trace, no server name. */
  static String body(int status, String message, boolean html) {
    return html
        ? "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>请求有误</title></head><body>"
            + "<h1>请求有误</h1><p>" + HtmlUtils.htmlEscape(message) + "（" + status + "）</p>"
            + "<p><a href=\"/camunda/app/tasklist/\">返回任务列表</a></p></body></html>"
        : "{\"type\":\"HttpError\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"status\":" + status + "}";
  }
}
