package cn.shequflow.errors;

import cn.shequflow.casefile.InvalidCaseInputException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.SuspendedEntityInteractionException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ParamException;

/**
 * Decides, for any exception an entry point meets, the HTTP status and the Chinese message the worker or integrator
 * reads: our own Chinese reasons without the engine's prefixes, the engine's common user-provokable errors translated,
 * everything else a plain Chinese sentence for its status (never English, never a stack trace).
 */
public final class ChineseErrors {

  /**
   * What to answer: status, the exception type Camunda clients expect in {"type", "message"}, the Chinese message,
   * the form field at fault (or null), and whether it is an expected rejection (4xx) rather than a real failure.
   */
  public record Rejection(int status, String type, String message, String field) {
    public boolean expected() {
      return status < 500;
    }
  }

  private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]");
  /** Quoted values longer than this are shortened in messages, so a 100k-character input never comes back whole. */
  private static final int QUOTED_MAX = 40;
  private static final Pattern QUOTED = Pattern.compile("“([^”]{" + (QUOTED_MAX + 1) + ",})”");
  private static final Map<String, String> RESOURCES = Map.ofEntries(Map.entry("Task", "任务"),
      Map.entry("ProcessDefinition", "流程定义"), Map.entry("ProcessInstance", "流程实例"),
      Map.entry("Deployment", "模型部署"), Map.entry("Filter", "任务筛选"), Map.entry("User", "用户"),
      Map.entry("Group", "用户组"), Map.entry("Authorization", "授权"), Map.entry("Tenant", "租户"),
      Map.entry("HistoricProcessInstance", "历史流程"), Map.entry("HistoricTask", "历史任务"),
      Map.entry("DecisionDefinition", "决策表"), Map.entry("Batch", "批处理"), Map.entry("Application", "应用"));
  private static final Map<String, String> JAVA_TYPES = Map.of("java.lang.Integer", "整数", "java.lang.Long", "整数",
      "java.lang.Short", "整数", "java.lang.Double", "数字", "java.lang.Boolean", "布尔值（true 或 false）",
      "java.util.Date", "日期（如 2026-09-30T10:00:00.000+0800）");
  private static final Map<String, String> VALIDATORS = Map.of("required", "不能为空", "minlength", "太短",
      "maxlength", "太长", "min", "太小", "max", "太大", "readonly", "是只读的，不能修改");

  /** One translation of an engine message: the pattern, the status it implies (0 = keep), the Chinese text. */
  private record Rule(Pattern pattern, int status, Function<Matcher, String> message) {}

  private static final List<Rule> RULES = List.of(
      rule("No matching process definition with key: (\\S+?)(?: and| *$)", 404,
          m -> "流程“" + m.group(1) + "”不存在"),
      rule("no deployed process definition found with (?:id|key) '([^']*)'", 404,
          m -> "流程定义“" + m.group(1) + "”不存在"),
      rule("(?:No matching definition with id|Process definition with id) (\\S+)", 404,
          m -> "流程定义“" + m.group(1) + "”不存在"),
      rule("(?:Cannot find task with id '?|No matching task with id |Task with id )([^'\\s:]+)", 404,
          m -> "任务“" + m.group(1) + "”不存在或已办结"),
      rule("(?:No process instance found for id '?|Process instance with id )([^'\\s:]+)", 404,
          m -> "流程实例“" + m.group(1) + "”不存在"),
      rule("Process engine (\\S+) not available", 404, m -> "流程引擎“" + m.group(1) + "”不存在"),
      rule("is already claimed by someone else", 409, m -> "该任务已被其他人认领，请刷新任务列表后再办理"),
      rule("Cannot set query parameter '([^']*)' to value '([^']*)'", 400,
          m -> "查询参数“" + m.group(1) + "”的值“" + m.group(2) + "”无效"),
      rule("Cannot set query parameter '([^']*)'", 400, m -> "查询参数“" + m.group(1) + "”的值无效"),
      rule("variable query parameter has to have format|Invalid (?:process )?variable comparator", 400,
          m -> "变量查询条件的格式应为 名称_比较符_值（如 grid_eq_grid-1）"),
      rule("Cannot convert value '([^']*)' of type '([^']*)' to java type (\\S+)", 400,
          m -> "变量值“" + m.group(1) + "”不是有效的" + JAVA_TYPES.getOrDefault(m.group(3), m.group(2))),
      rule("Unsupported value type '([^']*)'", 400,
          m -> "不支持的变量类型“" + m.group(1) + "”：只接受 String、Integer、Long、Double、Boolean、Date 和 Json"),
      rule("Java serialization format is prohibited|Cannot deserialize object|serialization format|"
          + "objectTypeName", 400, m -> "不接受该变量的类型：变量只能是字符串、数字、布尔值、日期或 JSON"),
      rule("Unable to parse input into json node|SPIN/JACKSON-JSON", 400, m -> "变量中的 JSON 值无效"),
      rule("Cannot resolve identifier '([^']*)'", 400, m -> "缺少必填信息“" + m.group(1) + "”"),
      rule("ENGINE-02004|No outgoing sequence flow", 400, m -> "所填的办理结果无法继续流程：请检查是否选择了有效的选项"),
      rule("Element '([^']*)' does not exist in process", 400, m -> "流程中没有“" + m.group(1) + "”这个环节"),
      rule("Cannot correlate message '([^']*)'", 400, m -> "没有正在等待消息“" + m.group(1) + "”的流程"),
      rule("No message name supplied", 400, m -> "请提供消息名称（messageName）"),
      rule("has an invalid id|is not a valid resource identifier", 400,
          m -> "标识不合法：只能使用字母、数字和连字符"),
      rule("is suspended", 400, m -> "该流程已暂停，暂时不能办理"));

  private ChineseErrors() {}

  private static Rule rule(String regex, int status, Function<Matcher, String> message) {
    return new Rule(Pattern.compile(regex), status, message);
  }

  /** The answer for anything thrown while serving a request. */
  public static Rejection of(Throwable thrown) {
    List<Throwable> chain = chain(thrown);
    for (Throwable cause : chain) {
      if (cause instanceof FormFieldValidationException invalid) {
        Object field = invalid.getDetail();
        return new Rejection(400, cause instanceof InvalidCaseInputException ? "InvalidCaseInputException"
            : "FormFieldValidationException", chinese(cause.getMessage(), "填写的内容不符合要求，请检查后重新提交"),
            field == null ? null : field.toString());
      }
      if (cause instanceof FormFieldValidatorException invalid) {
        return new Rejection(400, "FormFieldValidationException", chinese(invalid.getMessage(),
            "表单项“" + invalid.getId() + "”" + VALIDATORS.getOrDefault(invalid.getName(), "不符合要求")),
            invalid.getId());
      }
    }
    for (Throwable cause : chain) {
      if (cause instanceof org.camunda.bpm.engine.ParseException refused) {
        // the deployment guard and the engine's parser name the file and element; the running version is unaffected
        return new Rejection(400, "ParseException", chinese(refused.getMessage(), "模型文件有误，未部署"), null);
      }
      if (cause instanceof AuthorizationException denied) {
        return new Rejection(403, "AuthorizationException", denied(denied), null);
      }
      if (cause instanceof TaskAlreadyClaimedException) {
        return new Rejection(409, "TaskAlreadyClaimedException", "该任务已被其他人认领，请刷新任务列表后再办理", null);
      }
      if (cause instanceof OptimisticLockingException) {
        return new Rejection(409, "OptimisticLockingException", "数据已被他人同时修改，请刷新后重试", null);
      }
      if (cause instanceof SuspendedEntityInteractionException) {
        return new Rejection(400, "SuspendedEntityInteractionException", "该流程已暂停，暂时不能办理", null);
      }
      if (cause instanceof ParamException param) {
        return new Rejection(400, "InvalidRequestException",
            "参数“" + param.getParameterName() + "”的值格式不正确", null);
      }
    }
    int status = status(thrown, chain);
    String type = type(thrown, chain);
    if (isNullBody(chain)) {
      return new Rejection(400, "InvalidRequestException", "请求体不能为空（null），请发送 JSON 对象", null);
    }
    for (Throwable cause : chain) {
      String message = cause.getMessage();
      if (message == null) {
        continue;
      }
      for (Rule rule : RULES) {
        Matcher matcher = rule.pattern().matcher(message);
        if (matcher.find()) {
          return new Rejection(rule.status() == 0 ? status : rule.status(), type, clean(rule.message().apply(matcher)),
              null);
        }
      }
    }
    // after the rules: a variable value Jackson could not convert is told by its rule, a body that is no JSON here
    if (chain.stream().anyMatch(cause -> cause instanceof JsonParseException
        || cause instanceof JacksonException && cause.getClass().getSimpleName().contains("Constraints"))) {
      return new Rejection(400, "InvalidRequestException", "请求体不是有效的 JSON，请检查括号、引号和逗号", null);
    }
    if (chain.stream().anyMatch(cause -> cause instanceof JacksonException)) {
      return new Rejection(400, "InvalidRequestException", "请求体中的字段类型或结构不正确", null);
    }
    if (status < 500) {
      for (Throwable cause : chain) {
        if (cause.getMessage() != null && CJK.matcher(cause.getMessage()).find()) {
          return new Rejection(status, type, clean(cause.getMessage()), null);
        }
      }
    }
    return new Rejection(status, type, forStatus(status), null);
  }

  /** A plain Chinese sentence for an HTTP status, for answers that have nothing more specific. */
  public static String forStatus(int status) {
    return switch (status) {
      case 400 -> "请求的内容不正确，请检查后重试";
      case 401 -> "请先登录";
      case 403 -> "您没有权限执行此操作";
      case 404 -> "您要找的内容不存在，请检查地址或编号";
      case 405 -> "此地址不支持这种请求方式";
      case 406 -> "无法按要求的格式返回结果";
      case 408 -> "请求超时，请重试";
      case 409 -> "操作与当前状态冲突，请刷新后重试";
      case 410 -> "该内容已失效";
      case 413 -> "提交的内容太大";
      case 414 -> "请求地址太长";
      case 415 -> "不支持的内容类型，请以 JSON（application/json）提交";
      case 422 -> "提交的内容无法处理，请检查后重试";
      case 429 -> "请求过于频繁，请稍后再试";
      case 431 -> "请求头太大";
      case 501 -> "服务器不支持这种请求（例如不认识的传输编码）";
      case 503 -> "服务暂时不可用，请稍后再试";
      case 505 -> "不支持该 HTTP 协议版本，请使用 HTTP/1.1";
      default -> status >= 500 ? "服务器内部错误，操作未完成。请稍后重试；如果问题持续，请联系系统管理员"
          : "请求无法处理（" + status + "）";
    };
  }

  /**
   * Our own Chinese message without the engine's wrappers ("Cannot instantiate process definition …: ",
   * "ENGINE-03051 … Message: '…'"), with over-long quoted values shortened; the fallback when it is not Chinese.
   */
  static String chinese(String message, String fallback) {
    if (message == null || !CJK.matcher(message).find()) {
      return fallback;
    }
    return clean(message);
  }

  /** Strips engine prefixes and codes around a Chinese reason and shortens long quoted values. */
  public static String clean(String message) {
    String text = message == null ? "" : message;
    Matcher listener = Pattern.compile("Message: '(.*)'\\s*$", Pattern.DOTALL).matcher(text);
    if (listener.find() && CJK.matcher(listener.group(1)).find()) {
      text = listener.group(1);
    }
    // everything before the first Chinese character is an engine prefix when it is plain ASCII
    Matcher first = CJK.matcher(text);
    if (first.find()) {
      int at = first.start();
      int open = text.lastIndexOf('“', at);
      int start = open >= 0 && open < at && text.substring(0, open).chars().allMatch(c -> c < 128) ? open : at;
      if (text.substring(0, start).chars().allMatch(c -> c < 128) && start > 0
          && text.substring(0, start).matches("(?s).*(ENGINE-\\d+|Cannot |Error while|: ).*")) {
        text = text.substring(start);
      }
    }
    Matcher quoted = QUOTED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (quoted.find()) {
      String value = quoted.group(1);
      quoted.appendReplacement(out, Matcher.quoteReplacement(
          "“" + value.substring(0, QUOTED_MAX) + "…”（共" + value.length() + "个字符）"));
    }
    quoted.appendTail(out);
    text = out.toString();
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  /** One log line's worth of the original: class and message, control characters removed, at most 300 characters. */
  public static String detail(Throwable thrown) {
    return detail(thrown, null);
  }

  /**
   * The log detail beside a rejection: the root cause's class, and the engine's original words when the rejection
   * translated them (an operator or integrator searching for them still finds them).
   */
  static String detail(Throwable thrown, Rejection rejection) {
    List<Throwable> chain = chain(thrown);
    Throwable root = chain.get(chain.size() - 1);
    for (Throwable cause : chain) {
      if (cause instanceof FormFieldValidationException || cause instanceof FormFieldValidatorException) {
        root = cause;
        break;
      }
    }
    String original = root.getMessage() == null ? "" : root.getMessage();
    String text = rejection != null && original.contains(rejection.message()) ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + original;
    String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  static boolean isChinese(String text) {
    return text != null && CJK.matcher(text).find();
  }

  private static String denied(AuthorizationException denied) {
    if (isChinese(denied.getMessage())) {
      return clean(denied.getMessage()); // the app's own refusals (e.g. procedures only the app starts) say why
    }
    List<MissingAuthorization> missing = denied.getMissingAuthorizations();
    if (missing == null || missing.isEmpty()) {
      return "您没有权限执行此操作";
    }
    MissingAuthorization first = missing.get(0);
    String resource = RESOURCES.getOrDefault(first.getResourceType(), first.getResourceType());
    return "您没有权限执行此操作（需要对" + resource + "的 " + first.getViolatedPermissionName() + " 权限）";
  }

  private static int status(Throwable thrown, List<Throwable> chain) {
    for (Throwable cause : chain) {
      if (cause instanceof RestException rest && rest.getStatus() != null
          && rest.getStatus().getStatusCode() != 500) {
        return rest.getStatus().getStatusCode();
      }
      if (cause instanceof WebApplicationException web && web.getResponse() != null) {
        return web.getResponse().getStatus();
      }
      if (cause instanceof BadUserRequestException || cause instanceof MismatchingMessageCorrelationException) {
        return 400;
      }
      if (cause instanceof NullValueException) {
        return 404;
      }
    }
    return 500;
  }

  private static String type(Throwable thrown, List<Throwable> chain) {
    for (Throwable cause : chain) {
      if (!(cause instanceof RestException) || cause.getCause() == null) {
        return cause.getClass().getSimpleName();
      }
    }
    return thrown.getClass().getSimpleName();
  }

  /** Camunda's resources dereference the body DTO without a check: a JSON {@code null} body is a 400, not a 500. */
  private static boolean isNullBody(List<Throwable> chain) {
    Throwable first = chain.get(0);
    if (!(first instanceof NullPointerException) || first.getMessage() == null) {
      return false;
    }
    StackTraceElement[] stack = first.getStackTrace();
    return first.getMessage().contains("\"dto\" is null") && stack.length > 0
        && stack[0].getClassName().startsWith("org.camunda.bpm.engine.rest.");
  }

  private static List<Throwable> chain(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = thrown; cause != null && seen.add(cause); cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }
}
