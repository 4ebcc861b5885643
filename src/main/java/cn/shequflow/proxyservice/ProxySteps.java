package cn.shequflow.proxyservice;

import static org.camunda.spin.Spin.JSON;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.InvalidCaseInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The proxy model's bookkeeping between user tasks, each a named bean the BPMN refers to: the materials check
 * (R-3.1.3-3, R-4.2-3), the promise made at acceptance (R-3.1.3-4/5), the signatures that close entrustment and
 * handover (R-3.1.3-4, R-3.1.3-6, R-3.1.3-7), the dates of the visit and of the submission (R-3.1.3-2, R-3.1.3-3),
 * and the check that the requested item is known (R-3.1.3-1).
 * Execution listeners, so a refusal reaches the worker as a 400.
 */
@Configuration
class ProxySteps {

  /** How proxy-items.dmn names the entrustment letter among an item's materials. */
  static final String ENTRUSTMENT_PREFIX = "代办委托书";

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

  /**
   * Which of the item's materials the worker marked received; the rest are missing (one-time notice, R-4.2-3). The
   * entrustment letter is not on this checklist: the community provides it, and it is printed, signed and ticked at
   * Task_Entrustment (R-3.1.3-4). While materials are missing the ticks are kept as the checklist's own JSON list, so
   * when the resident comes back the form opens with them still ticked (issue 13); once complete only text remains.
   */
  @Bean
  ExecutionListener materialsCheckedListener() {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      List<String> required = checklist(CaseInput.text(execution.getVariable("materials")));
      Collection<String> received = strings(execution.getVariable("materialsReceived"));
      List<String> ticked = required.stream().filter(received::contains).toList();
      List<String> missing = new ArrayList<>(required);
      missing.removeAll(received);
      execution.setVariable("missingMaterials", String.join("；", missing));
      execution.setVariable("receivedMaterialsText", String.join("；", ticked));
      if (missing.isEmpty()) {
        // keep the case's variables plain text: the checklist's list itself is not kept
        execution.removeVariable("materialsReceived");
      } else {
        SpinJsonNode list = JSON("[]");
        ticked.forEach(list::append);
        execution.setVariable("materialsReceived", SpinValues.jsonValue(list).create());
      }
    };
  }

  /**
   * R-3.1.3-2, R-4.2-1: the visit is agreed for a time still to come. Refused with a reason instead of the picker
   * silently disabling past days (issue 13), as reception refuses a past promise date.
   */
  @Bean
  ExecutionListener appointmentCheckedListener(WorkingDayCalendar workingDays) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      Object value = execution.getVariable("appointmentAt");
      if (value == null || value.toString().isBlank()) {
        throw new InvalidCaseInputException("appointmentAt", "请填写上门日期和时间");
      }
      Instant at = instant(value, workingDays.zone(), "appointmentAt", "上门时间");
      Date now = ClockUtil.getCurrentTime();
      if (at.isBefore(now.toInstant())) {
        throw new InvalidCaseInputException("appointmentAt",
            "上门时间不能早于现在（" + workingDays.text(now) + "），请与居民约定以后的时间");
      }
    };
  }

  /**
   * R-3.1.3-3, R-3.1.3-5: the day the application really went to the department: not in the future (issue 13: a date
   * 18 days ahead was accepted) and not before the case was accepted. Refused with a reason, as a 400.
   */
  @Bean
  ExecutionListener submissionCheckedListener(WorkingDayCalendar workingDays) {
    return execution -> {
      if (execution.isCanceled()) {
        return;
      }
      Object value = execution.getVariable("submittedDate");
      if (value == null || value.toString().isBlank()) {
        throw new InvalidCaseInputException("submittedDate", "请填写向部门提交申请的日期");
      }
      ZoneId zone = workingDays.zone();
      LocalDate day = day(value, zone, "submittedDate", "提交日期");
      LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
      if (day.isAfter(today)) {
        throw new InvalidCaseInputException("submittedDate", "提交日期不能晚于今天，请填写实际向部门提交申请的日期");
      }
      if (execution.getVariable("acceptedAt") instanceof Date accepted
          && day.isBefore(accepted.toInstant().atZone(zone).toLocalDate())) {
        throw new InvalidCaseInputException("submittedDate",
            "提交日期不能早于受理日期（" + workingDays.text(accepted) + "）");
      }
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

  /**
   * The materials the worker ticks at Task_PrepareApplication: all of the item's materials but the entrustment letter
   * (R-3.1.3-4), which proxy-prepare.form leaves out of its checklist by the same rule.
   */
  static List<String> checklist(String materials) {
    return split(materials).stream().filter(material -> !isEntrustment(material)).toList();
  }

  /** The entrustment letter of proxy-items.dmn's materials: 代办委托书（社区提供，居民签字）. */
  static boolean isEntrustment(String material) {
    return material.startsWith(ENTRUSTMENT_PREFIX);
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

  /** A date-time from the form (with offset, or local to Asia/Shanghai) or from Java (a Date). */
  private static Instant instant(Object value, ZoneId zone, String field, String label) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = value.toString().trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidCaseInputException(field, label + "“" + text + "”无法识别");
      }
    }
  }

  /** A calendar day in Asia/Shanghai from the form's yyyy-MM-dd (or a longer ISO text) or a Date. */
  private static LocalDate day(Object value, ZoneId zone, String field, String label) {
    if (value instanceof Date date) {
      return date.toInstant().atZone(zone).toLocalDate();
    }
    String text = value.toString().trim();
    try {
      return LocalDate.parse(text.substring(0, Math.min(10, text.length())));
    } catch (DateTimeParseException e) {
      throw new InvalidCaseInputException(field, label + "“" + text + "”无法识别");
    }
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
