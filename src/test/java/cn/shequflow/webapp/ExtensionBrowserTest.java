package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15 items 4 and 7 in a real Chromium: 张伟 opens a letter's reply task, reads 剩余 N 个工作日 next to its dates,
 * asks there for 2 more working days with a reason (a bad number first, refused in Chinese), and the request reaches
 * the managers' 审批延期申请. Screenshots in target/screenshots/extension.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExtensionBrowserTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;

  Chromium chromium;
  @RegisterExtension
  final AfterTestExecutionCallback keepFailedPage = context -> context.getExecutionException()
      .ifPresent(failure -> chromium.dump("failed-" + context.getRequiredTestMethod().getName()));

  @BeforeEach
  void browser() throws Exception {
    ClockUtil.reset();
    chromium = Chromium.start(port, "extension");
  }

  @AfterEach
  void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("R-4.2-1 任务表单中显示剩余工作日，并可申请延期（真实浏览器）：天数不对时中文拒绝，提交后社区书记/主任收到审批任务")
  void theTaskFormShowsTimeLeft_andAsksForAnExtension() throws Exception {
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    Task reply = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();

    chromium.login("zhangwei");
    chromium.open("/camunda/app/tasklist/default/#/?task=" + reply.getId());
    WebElement standing = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("ul.dates .shequ-task-standing")));
    chromium.waiter().until(d -> !standing.getText().isBlank());
    assertThat(standing.getText()).matches("(剩余 \\d+ 个工作日|今日到期)(（暂定）)?");

    chromium.click(By.cssSelector(".shequ-extension-offer a"));
    WebElement days = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".shequ-extension-panel input[name='workingDays']")));
    days.sendKeys("0");
    chromium.driver().findElement(By.cssSelector(".shequ-extension-panel textarea[name='reason']"))
        .sendKeys("需等待房管部门出具证明");
    chromium.click(By.xpath("//form[contains(@class,'shequ-extension-panel')]//button[normalize-space()='提交申请']"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".shequ-extension-status.text-danger"), "延长的工作日数须为 1 到 30 之间的整数"));
    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_ApproveExtension").count()).isZero();

    days.clear();
    days.sendKeys("2");
    chromium.click(By.xpath("//form[contains(@class,'shequ-extension-panel')]//button[normalize-space()='提交申请']"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".shequ-extension-status.text-success"), "延期申请已提交"));
    chromium.check("extension-01-requested", Chromium.TASKLIST_ALLOWED);
    Task approval = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey("Task_ApproveExtension").singleResult();
    assertThat(approval).isNotNull();
    assertThat(taskService.getVariable(approval.getId(), "extensionWorkingDays")).isEqualTo(2);
    assertThat(chromium.driver().findElement(By.cssSelector(".shequ-extension-offer a")).getText())
        .isEqualTo("延期申请待审批");
  }
}
