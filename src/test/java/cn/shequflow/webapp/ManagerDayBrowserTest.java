package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.handover.TaskHandover;
import cn.shequflow.organisation.Organisation;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The manager's day in a real Chromium (issue 13 "Done when"): 刘洋 opens the staff index, finds the late case in
 * 逾期督办 (supervision tasks only), and on /staff/handover hands all of 张伟's open tasks to another grid-1 worker,
 * who then holds them. Every page is checked for English words; full-page screenshots land in target/screenshots/day
 * (docs/guide.md's screenshots/manager-*.png are copies). 张伟's tasks go back to him at the end, so the shared
 * test database is as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ManagerDayBrowserTest {

  /** A second worker of grid 1, only for this test (the demo organisation has one per grid). */
  static final String STAND_IN = "sunli";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired Organisation organisation;
  @Autowired TaskHandover handover;

  Chromium chromium;
  /** A failed step leaves its page behind in target/screenshots/day. */
  @RegisterExtension
  final AfterTestExecutionCallback keepFailedPage = context -> context.getExecutionException()
      .ifPresent(failure -> chromium.dump("failed-" + context.getRequiredTestMethod().getName()));

  @BeforeEach
  void browser() throws Exception {
    ClockUtil.reset();
    if (identityService.createUserQuery().userId(STAND_IN).count() == 0) {
      User user = identityService.newUser(STAND_IN);
      user.setFirstName("孙丽");
      user.setLastName("");
      user.setEmail(STAND_IN + "@shequ.example");
      identityService.saveUser(user);
      identityService.createMembership(STAND_IN, "grid-1");
    }
    chromium = Chromium.start(port, "day");
  }

  @AfterEach
  void close() {
    ClockUtil.reset();
    if (chromium != null) {
      chromium.close();
    }
    // whatever the test moved goes back to 张伟, and the stand-in leaves
    handover.handOver(STAND_IN, "zhangwei", "测试结束", "liuyang");
    identityService.deleteUser(STAND_IN);
  }

  @Test
  @DisplayName("R-4.2-1、R-4.1-2 书记/主任的一天（真实浏览器）：工作人员首页、逾期督办只有督办任务、任务移交把张伟的全部待办交给第一网格的同事")
  void aManagersDay_supervision_andHandingOverAWorkersTasks() throws Exception {
    ProcessInstance late = letters().overdue("督办测试居民", "13941400089", "来信反映楼道灯不亮", 12);
    Task lateReply = task(late, "Task_HandleMatter");
    Task supervise = task(late, "Task_SuperviseOverdue");
    assertThat(lateReply.getAssignee()).isEqualTo("zhangwei");

    chromium.login("liuyang");
    chromium.open("/staff");
    chromium.waiter().until(d -> chromium.text().contains("工作人员首页"));
    assertThat(chromium.text()).contains("刘洋，您好", "任务移交", "本月走访计划", "住户导入", "走访覆盖率");
    chromium.check("manager-01-staff-index", Chromium.STAFF_ALLOWED);

    // 逾期督办: the supervision tasks of late steps, and nothing else
    chromium.open("/camunda/app/tasklist/default/");
    chromium.click(By.xpath("//*[contains(@class,'task-filter')]//a[normalize-space(text())='逾期督办']"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".task-filter.active h4"), "逾期督办"));
    By cards = By.cssSelector("ol.tasks-list > li");
    chromium.waiter().until(d -> !d.findElements(cards).isEmpty()
        && d.findElements(cards).stream().allMatch(card -> card.getText().contains("督办")));
    assertThat(chromium.driver().findElements(cards)).isNotEmpty()
        .allSatisfy(card -> assertThat(card.getText()).contains("督办"));
    chromium.check("manager-02-overdue-filter", Chromium.STAFF_ALLOWED);
    chromium.open("/camunda/app/tasklist/default/#/?task=" + supervise.getId());
    chromium.waiter().until(d -> chromium.text().contains(supervise.getName()));
    WebElement number = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[id$='Field_caseNumber']")));
    chromium.waiter().until(d -> late.getBusinessKey().equals(number.getDomProperty("value")));
    chromium.check("manager-03-overdue-task", Chromium.STAFF_ALLOWED);

    // 张伟 is off sick: his open tasks go to 孙丽 of the same grid
    long open = taskService.createTaskQuery().taskAssignee("zhangwei").active().count();
    chromium.open("/staff/handover");
    new Select(chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form.inline-form select[name='from']")))).selectByValue("zhangwei");
    chromium.driver().findElement(By.xpath("//button[normalize-space()='查看待办']")).click();
    chromium.waiter().until(d -> chromium.text().contains("张伟名下的待办（" + open + " 项）"));
    assertThat(chromium.text()).contains(late.getBusinessKey());
    chromium.check("manager-04-handover-form", Chromium.STAFF_ALLOWED);
    new Select(chromium.driver().findElement(By.id("to"))).selectByValue(STAND_IN);
    assertThat(new Select(chromium.driver().findElement(By.id("from"))).getFirstSelectedOption().getDomAttribute("value"))
        .isEqualTo("zhangwei");
    chromium.driver().findElement(By.id("reason")).sendKeys("病假");
    chromium.driver().findElement(By.xpath("//button[normalize-space()='移交全部待办']")).click();
    chromium.waiter().until(d -> chromium.text().contains("移交给孙丽"));
    assertThat(chromium.text()).contains("已把张伟名下的 " + open + " 项待办移交给孙丽", "病假", late.getBusinessKey());
    chromium.check("manager-05-handover-done", Chromium.STAFF_ALLOWED);

    // the tasks moved, and the case's later steps follow the new holder
    assertThat(taskService.createTaskQuery().taskAssignee("zhangwei").active().count()).isZero();
    assertThat(taskService.createTaskQuery().taskId(lateReply.getId()).singleResult().getAssignee()).isEqualTo(STAND_IN);
    assertThat(taskService.getTaskComments(lateReply.getId()))
        .anyMatch(c -> c.getFullMessage().contains("【交接】因病假，由张伟交给孙丽办理（刘洋安排）"));
  }

  private Task task(ProcessInstance pi, String key) {
    return letters().task(pi, key);
  }

  private LateLetters letters() {
    return new LateLetters(runtimeService, taskService, managementService, organisation);
  }
}
