package cn.shequflow.deployment;

import camundajar.impl.scala.Product;
import camundajar.impl.scala.collection.immutable.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.Exp;
import org.camunda.feel.syntaxtree.FunctionInvocation;
import org.camunda.feel.syntaxtree.Ref;

/**
 * Decides whether a FEEL expression of a DMN table may run, on the tree of the FEEL engine Camunda 7.24 evaluates it
 * with (feel-scala). That engine has no Java calls of its own (external functions are off), but it turns any Java
 * object it meets into a context whose public methods can be called ("x.getClass()") and whose getters can be read
 * ("x.class"): so only literals, single names, comparisons, ranges, arithmetic, if/then/else, lists and contexts and a
 * list of pure built-in functions are allowed — no paths, no qualified calls, no function definitions, no loops.
 */
final class FeelExpressionCheck {

  // the FEEL built-ins that only compute on their arguments (no regular expressions: they can be made to run forever)
  static final Set<String> FUNCTIONS = Set.of(
      "not", "contains", "starts with", "ends with", "string length", "upper case", "lower case", "substring",
      "substring before", "substring after", "trim", "string", "number", "date", "time", "date and time", "duration",
      "years and months duration", "list contains", "count", "min", "max", "sum", "mean", "all", "any", "append",
      "concatenate", "distinct values", "flatten", "index of", "reverse", "union", "is empty", "is defined",
      "get or else", "abs", "floor", "ceiling", "decimal", "round up", "round down", "round half up",
      "round half down", "modulo", "odd", "even", "now", "today", "day of week", "day of year", "month of year",
      "week of year");

  private static final Set<String> NODES = Set.of(
      "ConstNull", "ConstInputValue", "ConstNumber", "ConstBool", "ConstString", "ConstDate", "ConstLocalTime",
      "ConstTime", "ConstLocalDateTime", "ConstDateTime", "ConstYearMonthDuration", "ConstDayTimeDuration",
      "ConstList", "ConstContext", "ConstRange", "OpenConstRangeBoundary", "ClosedConstRangeBoundary", "Ref",
      "Addition", "Subtraction", "Multiplication", "Division", "Exponentiation", "ArithmeticNegation", "Equal",
      "LessThan", "LessOrEqual", "GreaterThan", "GreaterOrEqual", "InputEqualTo", "InputLessThan", "InputLessOrEqual",
      "InputGreaterThan", "InputGreaterOrEqual", "InputInRange", "UnaryTestExpression", "AtLeastOne", "Not",
      "Disjunction", "Conjunction", "If", "In", "InstanceOf", "FunctionInvocation");

  private final FeelEngineApi feel = FeelEngineBuilder.create().build();

  /** Empty when the FEEL text may run, else the reason in Chinese; unary tests are the input entries of a table. */
  Optional<String> refusal(String text, boolean unaryTests) {
    ParseResult parsed = unaryTests ? feel.parseUnaryTests(text) : feel.parseExpression(text);
    if (!parsed.isSuccess()) {
      return Optional.of("FEEL 表达式无法解析或使用了被禁用的写法（如 external 函数）");
    }
    return Optional.ofNullable(check(parsed.parsedExpression().expression()));
  }

  /** Null when allowed. Walks the Scala case classes generically: every node of the tree is an Exp or a Product. */
  private String check(Object node) {
    if (node instanceof Exp exp) {
      String kind = exp.getClass().getSimpleName().replace("$", "");
      if (!NODES.contains(kind)) {
        return describe(kind);
      }
      if (exp instanceof Ref ref && ref.names().size() > 1) {
        return "不允许访问属性 " + ref.names().mkString(".") + "（FEEL 中变量只能整体引用）";
      }
      if (exp instanceof FunctionInvocation call && !FUNCTIONS.contains(call.function())) {
        return "不允许调用函数 " + call.function() + "()（只允许纯计算的内置函数，如 contains、string length、date）";
      }
    }
    if (node instanceof List<?> list) {
      for (var elements = list.iterator(); elements.hasNext(); ) {
        String refusal = check(elements.next());
        if (refusal != null) {
          return refusal;
        }
      }
      return null;
    }
    if (node instanceof Product product && !(node instanceof Ref)) {
      for (int i = 0; i < product.productArity(); i++) {
        String refusal = check(product.productElement(i));
        if (refusal != null) {
          return refusal;
        }
      }
    }
    return null;
  }

  private static String describe(String kind) {
    return switch (kind) {
      case "QualifiedFunctionInvocation" -> "不允许调用对象的方法（如 x.getClass()）";
      case "PathExpression" -> "不允许访问属性（FEEL 中变量只能整体引用）";
      case "FunctionDefinition", "JavaFunctionInvocation" -> "不允许定义函数或调用 Java 方法";
      case "For", "SomeItem", "EveryItem", "IterationContext", "Filter" -> "不允许循环和过滤（for、some、every、[条件]）";
      default -> "不允许的 FEEL 写法（" + kind + "）";
    };
  }
}
