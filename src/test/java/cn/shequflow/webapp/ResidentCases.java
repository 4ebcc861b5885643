package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * The cases behind the resident-facing pages, started as 张伟 would in the demo community: a reception case answered
 * at the desk (its receipt and, once closed, its feedback card) and a proxy errand handed over to the resident (its
 * entrustment and handover sheet). Uses the engine's real clock, as the pages do.
 */
record ResidentCases(RuntimeService runtimeService, TaskService taskService, Organisation organisation,
    FeedbackCards cards) {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** A visit case, still open: its receipt is what the resident takes home. */
  ProcessInstance openReception(String resident) {
    Map<String, Object> input = new HashMap<>(Map.of("channel", "visit", "residentName", resident,
        "residentPhone", "13941400077", "residentEmail", "", "category", "general-inquiry",
        "summary", "咨询社区活动室开放时间", "priorityGroup", "none"));
    return organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  /** A reception case answered at the desk and closed: the token of its feedback card. */
  String feedbackToken(String resident) {
    ProcessInstance pi = openReception(resident);
    complete(pi, Map.of("outcome", "answered", "answer", "活动室每天8:30-17:00开放"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    return cards.latestForCase(pi.getBusinessKey()).orElseThrow().token();
  }

  /** A senior allowance errand for 孙桂兰 from assessment to the signed handover. */
  ProcessInstance handedOverProxy() {
    Map<String, Object> input = new HashMap<>();
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", "13941400001");
    input.put("residentEmail", "");
    input.put("residentAddress", "平山区崔东街道12号楼3单元");
    input.put("proxyItem", "senior-allowance");
    input.put("summary", "请社区代办高龄津贴");
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input));
    complete(pi, Map.of("residentCondition", "none", "hasDifficulty", true));
    String materials = (String) runtimeService.getVariable(pi.getId(), "materials");
    List<String> all = Arrays.stream(materials.split("；")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    complete(pi, Map.of("materialsReceived", all));
    complete(pi, Map.of("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    String today = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), SHANGHAI).toString();
    complete(pi, Map.of("submittedDate", today, "departmentReceiptNo", "MZ-2026-0001"));
    complete(pi, Map.of("departmentStatus", "approved", "progressNote", "审批通过，津贴次月发放"));
    complete(pi, Map.of("handedOverItems", "高龄津贴审批通知书", "signerName", "孙桂兰", "residentSigned", true,
        "noFeeCharged", true, "noGiftAccepted", true));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
    return pi;
  }

  private void complete(ProcessInstance pi, Map<String, Object> variables) {
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task).as("one open task in %s", pi.getBusinessKey()).isNotNull();
    taskService.complete(task.getId(), variables);
  }
}
