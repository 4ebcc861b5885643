package cn.shequflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects any REST query that carries a JUEL expression parameter (…Expression), including inside
 * task-query orQueries, which the engine's ad-hoc-expression switch does not cover.
 */
class QueryExpressionGuardFilter extends OncePerRequestFilter {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MESSAGE = "出于安全原因，查询中不允许使用表达式（…Expression 参数）";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // the query string only: reading getParameterMap() would consume form bodies (the webapps' login) for Jersey
    String queryString = request.getQueryString();
    if (queryString != null) {
      for (String parameter : queryString.split("&")) {
        String key = URLDecoder.decode(parameter.split("=", 2)[0], StandardCharsets.UTF_8);
        if (isExpressionKey(key)) {
          reject(response);
          return;
        }
      }
    }
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase().contains("json")) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    if (containsExpressionKey(body)) {
      reject(response);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  static boolean isExpressionKey(String key) {
    return key.endsWith("Expression");
  }

  private static boolean containsExpressionKey(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    try {
      return containsExpressionKey(JSON.readTree(body));
    } catch (IOException notJson) {
      return false; // let the REST layer report malformed JSON itself
    }
  }

  private static boolean containsExpressionKey(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (isExpressionKey(field.getKey()) || containsExpressionKey(field.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (containsExpressionKey(element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void reject(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(
        JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException", "message", MESSAGE)));
  }

  /** Replays the body that was read for inspection. */
  static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override public boolean isFinished() { return in.available() == 0; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener listener) { throw new UnsupportedOperationException(); }
        @Override public int read() { return in.read(); }
        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
