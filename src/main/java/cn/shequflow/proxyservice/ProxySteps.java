package cn.shequflow.proxyservice;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The proxy model's bookkeeping between user tasks, each a named bean the BPMN refers to: the materials check
 * (R-3.1.3-3, R-4.2-3), the promise made at acceptance (R-3.1.3-4/5), and the signatures that close entrustment and
 * handover (R-3.1.3-4, R-3.1.3-6, R-3.1.3-7), and the check that the requested item is known (R-3.1.3-1).
 * Execution listeners, so a refusal reaches the worker as a 400.
 */
@Configuration
class ProxySteps {

  /**
   * R-3.1.3-1 / R-3.1.3-3: an item code that matched no rule of proxy-items.dmn is refused at registration, as a
   * 400 naming the field. Runs at the end of Task_LookUpProxyItem, before its output mapping, on the decision result
   * the engine leaves in the task's transient variable decisionResult.
   */
  @Bean
  ExecutionListener proxyItemKnownListener() {
    return execution -> {
      if (execution.getVariableLocal("decisionResult") instanceof DmnDecisionResult result && result.isEmpty()) {
        throw new InvalidCaseInputException("proxyItem",
            "未知的代办事项“" + CaseInput.text(execution.getVariable("proxyItem")) + "”，请从代办事项目录中选择");
      }
    };
  }

  /** Which of the item's materials the worker marked received; the rest are missing (one-time notice). */
  @Bean
  ExecutionListener materialsCheckedListener() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      List<String> required = split(CaseInput.text(execution.getVariable("materials")));
      Collection<String> received = strings(execution.getVariable("materialsReceived"));
      List<String> missing = new ArrayList<>(required);
      missing.removeAll(received);
      execution.setVariable("missingMaterials", String.join("；", missing));
      execution.setVariable("receivedMaterialsText", String.join("；", required.stream()
          .filter(received::contains).toList()));
      // keep the case's variables plain text: the checklist's list itself is not kept
      execution.removeVariable("materialsReceived");
    };
  }

  /** At acceptance the community promises a completion date: the item's promised working days (R-3.1.3-5). */
  @Bean
  ExecutionListener proxyPromiseListener(WorkingDayCalendar workingDays) {
    return execution -> {
      Date now = ClockUtil.getCurrentTime();
      // from proxy-items.dmn, but a REST completion could pass any number: the deadline loop and timers use it
      int days = CaseInput.workingDays(execution.getVariable("promisedDays"), "promisedDays", "社区承诺时限");
      Date due = workingDays.deadline(now, days);
      execution.setVariable("acceptedAt", now);
      execution.setVariable("acceptedText", workingDays.text(now));
      execution.setVariable("promisedDueAt", due);
      execution.setVariable("promisedDueText", workingDays.text(due));
    };
  }

  /** R-3.1.3-4: the entrustment is signed by the resident (or their agent) before anything is submitted. */
  @Bean
  ExecutionListener entrustmentSignedListener() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      requireTrue(execution, "entrustmentSigned", "请在居民签署委托书后勾选“委托书已签字”");
      requireText(execution, "entrustedBy", "请填写委托人（签字人）姓名");
    };
  }

  /** R-3.1.3-6/7: the resident signs for the results; nothing was charged and no gift accepted. */
  @Bean
  ExecutionListener handoverSignedListener(WorkingDayCalendar workingDays) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      requireText(execution, "handedOverItems", "请填写交付的办理结果（证件、批复、款项等）");
      requireText(execution, "signerName", "请填写签收人姓名");
      requireTrue(execution, "residentSigned", "居民签字确认后才能办结");
      requireTrue(execution, "noFeeCharged", "代办服务一律免费（R-3.1.3-7），请确认未收取任何费用");
      requireTrue(execution, "noGiftAccepted", "不得接受居民礼品（R-3.1.3-7），请确认未接受礼品");
      Date now = ClockUtil.getCurrentTime();
      execution.setVariable("handedOverAt", now);
      execution.setVariable("handedOverText", workingDays.text(now));
    };
  }

  static List<String> split(String materials) {
    if (materials.isEmpty() || "无".equals(materials)) {
      return List.of();
    }
    return Arrays.stream(materials.split("；")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** A checklist arrives as a JSON array (Tasklist) or a Java list (tests, integrators). */
  private static Collection<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(element -> out.add(element.stringValue()));
    } else if (value instanceof Collection<?> list) {
      list.forEach(element -> out.add(String.valueOf(element)));
    } else if (value instanceof String text && !text.isBlank()) {
      out.addAll(split(text));
    }
    return out;
  }

  private static void requireTrue(DelegateExecution execution, String variable, String message) {
    if (!Boolean.TRUE.equals(execution.getVariable(variable))) {
      throw new InvalidCaseInputException(variable, message);
    }
  }

  private static void requireText(DelegateExecution execution, String variable, String message) {
    if (CaseInput.text(execution.getVariable(variable)).isEmpty()) {
      throw new InvalidCaseInputException(variable, message);
    }
  }
}
