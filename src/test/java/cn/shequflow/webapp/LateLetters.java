package cn.shequflow.webapp;

import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Late cases for the browser tests of a day's work: a letter 张伟 received days ago and never answered, so that on the
 * engine's real clock its reply is overdue (still his) and the managers have its supervision task (逾期督办).
 */
record LateLetters(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
    Organisation organisation) {

  /** A letter received the given number of calendar days ago; its reminder and overdue timers have fired. */
  ProcessInstance overdue(String resident, String phone, String summary, int daysAgo) {
    ProcessInstance pi = letter(resident, phone, summary, daysAgo);
    fireDueTimers(managementService, pi.getId());
    runAsyncSteps(managementService);
    assertThat(task(pi, "Task_SuperviseOverdue")).as("the overdue step went to the managers").isNotNull();
    return pi;
  }

  /** A letter 张伟 received the given number of calendar days ago (0: now), its reply not yet written. */
  ProcessInstance letter(String resident, String phone, String summary, int daysAgo) {
    setClock(new Date(System.currentTimeMillis() - daysAgo * 24L * 3600 * 1000));
    Map<String, Object> input = new HashMap<>(Map.of("channel", "letter", "residentName", resident,
        "residentPhone", phone, "residentEmail", "", "category", "general-inquiry", "summary", summary,
        "priorityGroup", "none"));
    ProcessInstance pi;
    try {
      pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception", input));
    } finally {
      ClockUtil.reset();
    }
    return pi;
  }

  Task task(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }
}
