package cn.shequflow.deployment;

import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.impl.juel.AstBinary;
import org.camunda.bpm.impl.juel.AstBoolean;
import org.camunda.bpm.impl.juel.AstBracket;
import org.camunda.bpm.impl.juel.AstChoice;
import org.camunda.bpm.impl.juel.AstComposite;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstEval;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstNested;
import org.camunda.bpm.impl.juel.AstNull;
import org.camunda.bpm.impl.juel.AstNumber;
import org.camunda.bpm.impl.juel.AstParameters;
import org.camunda.bpm.impl.juel.AstString;
import org.camunda.bpm.impl.juel.AstText;
import org.camunda.bpm.impl.juel.AstUnary;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * Decides whether a JUEL expression of a BPMN model may run: parsed with the engine's own JUEL tree builder, it may
 * only reference variables, compare them with literals and combine those with boolean operators, read an allowlisted
 * property of the engine's execution or task, and call an allowlisted method of an allowlisted bean. Anything else —
 * method calls on variables, reflection, functions such as S() or JSON(), beans not on the list — is refused.
 */
final class JuelExpressionCheck {

  /** Where an expression sits: a delegateExpression must name a delegate bean and nothing else. */
  enum Position { VALUE, DELEGATE }

  // the features the engine's ExpressionFactoryImpl enables, so the guard sees the same tree the engine would run
  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  private final ExpressionAllowlist allowlist;
  private final Predicate<String> isBean;

  /** isBean tells a Spring bean name from a variable name, so "${runtimeService}" is recognised as a bean. */
  JuelExpressionCheck(ExpressionAllowlist allowlist, Predicate<String> isBean) {
    this.allowlist = allowlist;
    this.isBean = isBean;
  }

  static boolean containsExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  /** Empty when the expression may run, else the reason in Chinese. */
  Optional<String> refusal(String text, Position position) {
    Node root;
    try {
      root = PARSER.build(text).getRoot();
    } catch (TreeBuilderException | IllegalArgumentException e) {
      return Optional.of("表达式语法无法解析（不支持 lambda、赋值、分号等写法）");
    }
    if (position == Position.DELEGATE) {
      return delegate(root);
    }
    return Optional.ofNullable(check(root));
  }

  private Optional<String> delegate(Node root) {
    if (root instanceof AstEval eval && eval.getChild(0) instanceof AstIdentifier identifier
        && allowlist.isDelegate(identifier.getName())) {
      return Optional.empty();
    }
    return Optional.of("delegateExpression 只能写白名单中的委托 Bean 名称，例如 ${sendMailDelegate}（允许："
        + String.join("、", new java.util.TreeSet<>(allowlist.delegates())) + "）");
  }

  /** Null when the node and everything under it is allowed. */
  private String check(Node node) {
    if (node instanceof AstText || node instanceof AstString || node instanceof AstNumber
        || node instanceof AstBoolean || node instanceof AstNull) {
      return null;
    }
    if (node instanceof AstComposite || node instanceof AstEval || node instanceof AstNested
        || node instanceof AstChoice || node instanceof AstParameters) {
      return children(node);
    }
    if (node instanceof AstUnary) {
      // !x, not x, empty x, -1
      return children(node);
    }
    if (node instanceof AstBinary binary) {
      AstBinary.Operator op = binary.getOperator();
      boolean comparisonOrBoolean = op == AstBinary.EQ || op == AstBinary.NE || op == AstBinary.LT
          || op == AstBinary.LE || op == AstBinary.GT || op == AstBinary.GE || op == AstBinary.AND
          || op == AstBinary.OR;
      return comparisonOrBoolean ? children(node) : "只允许比较（==、!=、<、>）和逻辑运算（&&、||、!），不允许算术运算";
    }
    if (node instanceof AstIdentifier identifier) {
      return identifier(identifier.getName());
    }
    if (node instanceof AstDot dot) {
      return property(dot);
    }
    if (node instanceof AstMethod method) {
      return method(method);
    }
    if (node instanceof AstBracket) {
      return "不允许用方括号访问属性或元素（如 x['class']）";
    }
    if (node instanceof AstFunction function) {
      return "不允许调用函数 " + function.getName() + "()（包括 S()、JSON()、XML()、currentUser() 等）";
    }
    return "不允许的表达式结构（" + node.getClass().getSimpleName() + "）";
  }

  private String children(Node node) {
    for (int i = 0; i < node.getCardinality(); i++) {
      String refusal = check(node.getChild(i));
      if (refusal != null) {
        return refusal;
      }
    }
    return null;
  }

  /** A name on its own: a variable, or a bean — then only an allowlisted delegate. */
  private String identifier(String name) {
    if (allowlist.isDelegate(name)) {
      return null;
    }
    if (ExpressionAllowlist.ENGINE_OBJECTS.contains(name)) {
      return "不允许直接引用引擎对象 " + name + "（只能读取 " + name + " 的白名单属性，如 execution.processBusinessKey）";
    }
    if (allowlist.isService(name)) {
      return "Bean " + name + " 只能用于调用白名单方法（" + allowlist.describeMethods() + "）";
    }
    if (isBean.test(name)) {
      return "Bean " + name + " 不在白名单中";
    }
    return null;
  }

  /** x.y: only the allowlisted read-only properties of the engine's execution and task. */
  private String property(AstDot dot) {
    String property = propertyName(dot);
    if (dot.getChild(0) instanceof AstIdentifier identifier && allowlist.allowsProperty(identifier.getName(), property)) {
      return null;
    }
    // name the innermost offence: in S(x).prop, the S() call
    String inner = dot.getChild(0) instanceof AstIdentifier ? null : check(dot.getChild(0));
    if (inner != null) {
      return inner;
    }
    String target = dot.getChild(0) instanceof AstIdentifier identifier ? identifier.getName() : "表达式结果";
    return "不允许访问属性 " + target + "." + property + "（变量只能整体引用；execution 和 task 只能读取白名单属性）";
  }

  /** bean.method(args): an allowlisted bean, an allowlisted method, and allowed arguments. */
  private String method(AstMethod method) {
    if (!(method.getChild(0) instanceof AstDot dot)) {
      return "不允许用方括号调用方法";
    }
    String name = propertyName(dot);
    if (!(dot.getChild(0) instanceof AstIdentifier target)) {
      // name the innermost offence: in ''.getClass().forName(…), the getClass() call
      String inner = check(dot.getChild(0));
      if (inner != null) {
        return inner;
      }
      return "不允许调用方法 " + name + "()（只能直接调用白名单 Bean 的方法：" + allowlist.describeMethods() + "）";
    }
    if (!allowlist.isService(target.getName()) && !allowlist.isDelegate(target.getName())
        && isBean.test(target.getName())) {
      return "Bean " + target.getName() + " 不在白名单中，不能调用 " + target.getName() + "." + name + "()";
    }
    if (!allowlist.allowsMethod(target.getName(), name)) {
      return "不允许调用方法 " + target.getName() + "." + name + "()（只允许：" + allowlist.describeMethods() + "）";
    }
    return children(method.getChild(1));
  }

  /** AstDot prints itself as ". name" (checked by JuelExpressionCheckTest); its field is not public. */
  private static String propertyName(AstDot dot) {
    String printed = dot.toString();
    return printed.startsWith(". ") ? printed.substring(2) : printed;
  }
}
