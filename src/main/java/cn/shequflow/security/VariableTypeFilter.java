package cn.shequflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Variables from outside are primitive or JSON only (issue 10 item 9): a REST or webapp request (Tasklist's
 * submit-form included) whose variables carry type Object, Bytes, File, Xml or a serialized value, or a JSON object
 * without a type (the engine would store it as a serialized Java map), is refused with 400 before the engine sees it.
 */
class VariableTypeFilter extends OncePerRequestFilter {

  static final Set<String> ALLOWED_TYPES =
      Set.of("string", "boolean", "integer", "short", "long", "double", "date", "null", "json");
  static final String MESSAGE = "出于安全原因，变量只能是 String、Boolean、Integer、Short、Long、Double、Date、Null 或 Json 类型";

  // every body key under which the REST API takes a map of variables (start, complete, submit-form, message, signal …)
  private static final Set<String> VARIABLE_MAPS = Set.of("variables", "modifications", "processVariables",
      "processVariablesLocal", "processVariablesToTriggeredScope", "localVariables", "variablesLocal",
      "correlationKeys", "localCorrelationKeys");
  // PUT …/variables/{name}: one variable as the whole body; POST …/variables/{name}/data: a binary or serialized value
  private static final Pattern SINGLE_VARIABLE = Pattern.compile(".*/(?:variables|localVariables)/([^/]+)(/data)?/?$");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    if (!"POST".equals(method) && !"PUT".equals(method) && !"PATCH".equals(method)) {
      chain.doFilter(request, response);
      return;
    }
    Matcher single = SINGLE_VARIABLE.matcher(path(request));
    boolean singleVariable = single.matches();
    if (singleVariable && single.group(2) != null) {
      reject(response, MESSAGE + "：不允许上传二进制、文件或序列化对象变量（" + single.group(1) + "）");
      return;
    }
    String contentType = request.getContentType();
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readAllBytes();
    String refusal = refusal(body, singleVariable ? single.group(1) : null);
    if (refusal != null) {
      reject(response, MESSAGE + "：" + refusal);
      return;
    }
    chain.doFilter(new QueryExpressionGuardFilter.CachedBodyRequest(request, body), response);
  }

  /** The path as Jersey matches it: decoded, without ;matrix parameters, so "…/dat%61;x" is seen as "…/data". */
  static String path(HttpServletRequest request) {
    String decoded = URLDecoder.decode(request.getRequestURI().replace("+", "%2B"), StandardCharsets.UTF_8);
    return decoded.replaceAll(";[^/]*", "").replaceAll("/{2,}", "/");
  }

  /** Null when every variable in the body is allowed; singleVariable names the variable a PUT body is. */
  static String refusal(byte[] body, String singleVariable) {
    JsonNode root;
    try {
      root = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException notJson) {
      return null; // the REST layer reports malformed JSON itself
    }
    if (root == null) {
      return null;
    }
    if (singleVariable != null && root.isObject()) {
      String refusal = variable(singleVariable, root);
      if (refusal != null) {
        return refusal;
      }
    }
    return walk(root, null);
  }

  private static String walk(JsonNode node, String name) {
    if (node.isObject()) {
      if (node.get("type") != null && node.get("type").isTextual() && (node.has("value") || node.has("valueInfo"))) {
        String refusal = variable(name == null ? "?" : name, node);
        if (refusal != null) {
          return refusal;
        }
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (VARIABLE_MAPS.contains(field.getKey()) && field.getValue().isObject()) {
          String refusal = variableMap(field.getValue());
          if (refusal != null) {
            return refusal;
          }
        }
        String refusal = walk(field.getValue(), field.getKey());
        if (refusal != null) {
          return refusal;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String refusal = walk(element, name);
        if (refusal != null) {
          return refusal;
        }
      }
    }
    return null;
  }

  private static String variableMap(JsonNode variables) {
    Iterator<Map.Entry<String, JsonNode>> entries = variables.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      if (entry.getValue().isObject()) {
        String refusal = variable(entry.getKey(), entry.getValue());
        if (refusal != null) {
          return refusal;
        }
      }
    }
    return null;
  }

  /** One variable value as the REST API takes it: {"value": …, "type": …, "valueInfo": {…}}. */
  private static String variable(String name, JsonNode variable) {
    JsonNode type = variable.get("type");
    JsonNode valueInfo = variable.get("valueInfo");
    if (type != null && !type.isNull()) {
      if (!type.isTextual() || !ALLOWED_TYPES.contains(type.asText().toLowerCase(Locale.ROOT))) {
        return "变量“" + name + "”的类型 " + type.asText() + " 被拒绝";
      }
    } else if (variable.path("value").isContainerNode()) {
      // without a type the engine stores a JSON object or list as a serialized Java object
      return "变量“" + name + "”是没有声明类型的对象或列表，请声明 \"type\": \"Json\"";
    }
    if (valueInfo != null && (valueInfo.has("objectTypeName") || valueInfo.has("serializationDataFormat"))) {
      return "变量“" + name + "”带有序列化信息（objectTypeName/serializationDataFormat），被拒绝";
    }
    return null;
  }

  private static void reject(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(
        JSON.writeValueAsBytes(Map.of("type", "InvalidRequestException", "message", message)));
  }
}
