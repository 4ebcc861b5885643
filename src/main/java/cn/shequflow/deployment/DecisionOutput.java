package cn.shequflow.deployment;

import cn.shequflow.casefile.InvalidCaseInputException;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.springframework.stereotype.Component;

/**
 * Reads one output of the rule a business rule task's decision matched, for that task's output mapping:
 * {@code ${decision.output(decisionResult, 'replyWorkingDays')}}. The engine leaves the evaluated result in the
 * task's transient local variable decisionResult, so the outputs become plain case variables without a stored result
 * map (DESIGN.md: variables hold plain values, never serialized objects) and without the guard letting models call
 * methods on variables. A decision that matched no rule refuses the case instead of leaving a silent null.
 */
@Component("decision")
public class DecisionOutput {

  /** The named output of the single matched rule; refused in Chinese when no rule matched. */
  public Object output(Object decisionResult, String name) {
    if (!(decisionResult instanceof DmnDecisionResult result)) {
      throw new IllegalArgumentException(
          "decision.output 只能读取业务规则任务的决策结果 decisionResult（在该任务的输出映射中），实际为：" + decisionResult);
    }
    DmnDecisionResultEntries matched = result.getSingleResult(); // more than one match fails in the DMN engine
    if (matched == null) {
      throw new InvalidCaseInputException(name, "决策表没有匹配的规则，无法确定“" + name + "”：请分析员检查决策表是否覆盖了这种情况");
    }
    if (!matched.containsKey(name)) {
      throw new IllegalArgumentException("决策表没有名为“" + name + "”的输出列（有：" + matched.keySet() + "）");
    }
    return matched.get(name);
  }
}
