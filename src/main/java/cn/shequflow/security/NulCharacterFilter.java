package cn.shequflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 and a Chinese message a request whose query string, Basic login or JSON body carries the character
 * U+0000. PostgreSQL, the production database, stores no such character in a text column and refuses it even as a
 * query parameter, so it would otherwise end in a database error (500) there, while H2 takes it; no text of the app
 * has a use for it. Registered twice (WebSecurityConfig): for the query string and the login before any login check,
 * and for JSON bodies after the engine REST API's login check, which must refuse an anonymous body unread.
 */
class NulCharacterFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(NulCharacterFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MESSAGE = "请求中含有空字符（U+0000），无法处理；请删除该字符后再提交";

  private final boolean bodies;

  /** {@code bodies}: check JSON bodies only; otherwise the query string and the Basic login only. */
  NulCharacterFilter(boolean bodies) {
    this.bodies = bodies;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!bodies) {
      if (queryHasNul(request.getQueryString()) || basicLoginHasNul(request.getHeader("Authorization"))) {
        reject(request, response, "查询参数或登录名");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase().contains("json")) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    if (jsonHasNul(body)) {
      reject(request, response, "请求体");
      return;
    }
    chain.doFilter(new QueryExpressionGuardFilter.CachedBodyRequest(request, body), response);
  }

  /** "%00" is how a URL spells U+0000 (the query string reaches the filter still encoded). */
  static boolean queryHasNul(String queryString) {
    return queryString != null && (queryString.contains("%00") || queryString.indexOf('\0') >= 0);
  }

  static boolean basicLoginHasNul(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    try {
      return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8)
          .indexOf('\0') >= 0;
    } catch (IllegalArgumentException notBase64) {
      return false; // the login filter answers a malformed header itself
    }
  }

  /** A raw zero byte, or the escape {@code \u0000} (not an escaped backslash followed by "u0000"). */
  static boolean jsonHasNul(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      if (body[i] == 0) {
        return true;
      }
      if (body[i] == '\\' && i + 1 < body.length) {
        if (body[i + 1] == 'u' && i + 5 < body.length && body[i + 2] == '0' && body[i + 3] == '0'
            && body[i + 4] == '0' && body[i + 5] == '0') {
          return true;
        }
        i++; // the escaped character, a backslash included, is not the start of another escape
      }
    }
    return false;
  }

  private static void reject(HttpServletRequest request, HttpServletResponse response, String where)
      throws IOException {
    LOG.warn("已拒绝 400 {} {}：{}含有空字符 U+0000", request.getMethod(), request.getRequestURI(), where);
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(
        JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException", "message", MESSAGE)));
  }
}
