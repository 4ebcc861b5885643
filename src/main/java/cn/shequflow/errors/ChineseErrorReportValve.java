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

  private String communityName = "社区服务流程";
  private String communityPhone = "";

  /** The community's name and phone on the page, as on the app's own pages (set before Tomcat starts). */
  public void setCommunity(String name, String phone) {
    this.communityName = name;
    this.communityPhone = phone;
  }

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
        writer.write(body(status, ChineseErrors.forStatus(status), html, communityName, communityPhone));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response was already used: nothing more to tell it
    }
  }

  static boolean wantsHtml(String accept) {
    return accept != null && accept.contains("text/html");
  }

  /**
   * The short Chinese answer of a refused request (for browsers a page in the community's look: its styles, name and
   * phone; otherwise JSON); no stack trace, no server name.
   */
  static String body(int status, String message, boolean html, String communityName, String communityPhone) {
    if (!html) {
      return "{\"type\":\"HttpError\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
          + "\",\"status\":" + status + "}";
    }
    String name = HtmlUtils.htmlEscape(
        communityName == null || communityName.isBlank() ? "社区服务流程" : communityName.strip());
    String tel = communityPhone == null ? "" : HtmlUtils.htmlEscape(communityPhone.strip());
    String phone = tel.isEmpty() ? "" : " · 服务电话 <a href=\"tel:" + tel + "\">" + tel + "</a>";
    return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>请求有误</title>"
        + "<link rel=\"stylesheet\" href=\"/shequ-assets/community.css\"></head><body class=\"narrow\">"
        + "<header class=\"community-bar\"><div class=\"community-inner\"><img class=\"community-logo\" "
        + "src=\"/shequ-assets/community-logo.svg\" alt=\"社区标志\" width=\"44\" height=\"44\"><div class=\"community-title\">"
        + "<span class=\"community-name\">" + name + "</span><span class=\"community-desk\">社区服务台</span></div></div>"
        + "</header><main><h1>请求有误</h1><p class=\"message\">" + HtmlUtils.htmlEscape(message) + "（" + status + "）</p>"
        + "<p class=\"hint\">请检查地址后重试，或<a href=\"/camunda/app/tasklist/\">返回任务列表</a>。</p></main>"
        + "<footer class=\"community-foot\"><p>" + name + phone + "</p></footer></body></html>";
  }
}
