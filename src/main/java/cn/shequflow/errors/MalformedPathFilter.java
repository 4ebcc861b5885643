package cn.shequflow.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 and a Chinese message an address with a broken percent escape ("%zz") where Tomcat lets it
 * through: in a path parameter ({@code /;jsessionid=%zz}), which Tomcat strips before decoding but Spring decodes
 * and fails on, so the request, and its error page after it, ended in a 500.
 */
class MalformedPathFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger("cn.shequflow.errors");
  static final String MESSAGE = "地址中有不正确的编码（% 后须是两位十六进制数字），请检查地址";

  private final String communityName;
  private final String communityPhone;

  MalformedPathFilter(String communityName, String communityPhone) {
    this.communityName = communityName;
    this.communityPhone = communityPhone == null ? "" : communityPhone;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!wellEncoded(request.getRequestURI())) {
      LOG.warn("已拒绝 400 {} {}：{}", request.getMethod(), request.getRequestURI(), MESSAGE);
      boolean html = ChineseErrorReportValve.wantsHtml(request.getHeader("Accept"));
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType((html ? "text/html" : "application/json") + ";charset=UTF-8");
      response.getOutputStream().write(ChineseErrorReportValve.body(400, MESSAGE, html, communityName, communityPhone)
          .getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  /** Every "%" is followed by two hex digits. */
  static boolean wellEncoded(String uri) {
    if (uri == null) {
      return true;
    }
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
          || Character.digit(uri.charAt(i + 2), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
