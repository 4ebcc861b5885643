package cn.shequflow.proxyservice;

import static cn.shequflow.EngineTestSupport.drainLeftovers;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.webapp.Chromium;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The proxy paperwork in a real Chromium and the real Tasklist (issue 13 item 7): what form-js makes of the proxy
 * forms (its own FEEL, the checklist loaded from the case's JSON, the conditional result field), and the print pages
 * opened with the worker's Tasklist session. Screenshots land in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProxyPaperworkBrowserTest {

  private static final By CHECKBOXES = By.cssSelector(".fjs-form-field-checklist input[type='checkbox']");

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;

  Chromium chromium;
  WebDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void browser() throws Exception {
    chromium = Chromium.start(port, "");
    drainLeftovers(managementService);
    setClock(shanghai(2026, 11, 16, 10, 0)); // Monday
    driver = chromium.driver();
    wait = chromium.waiter();
  }

  @AfterEach
  void close() {
    ClockUtil.reset();
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("R-3.1.3-3/4/6、R-4.2-3 代办文书顺序（真实浏览器）：清单不含委托书，一次性告知后已勾选的仍勾选，委托书先打印后勾选，交接单签字前已填好办理结果")
  void proxyPaperworkInTheRealTasklist() throws Exception {
    ProcessInstance pi = request();
    String number = pi.getBusinessKey();
    List<String> checklist = ProxySteps.checklist((String) runtimeService.getVariable(pi.getId(), "materials"));
    login("zhangwei");

    // the checklist form-js builds with its own FEEL: every material but the entrustment letter
    openTask(task(pi));
    wait.until(ExpectedConditions.numberOfElementsToBe(CHECKBOXES, checklist.size()));
    assertThat(labels()).containsExactlyElementsOf(checklist);
    assertThat(body()).contains("代办委托书由社区提供，不在这里勾选");
    tick(checklist.get(0));
    tick(checklist.get(1));
    shot("proxy-01-prepare-first-visit");
    click(By.xpath("//button[normalize-space()='完成']"));
    wait.until(driver -> "Task_NoticeMissing".equals(task(pi).getTaskDefinitionKey()));
    taskService.complete(task(pi).getId(), Map.of("noticeChannel", "phone", "noticeGiven", true));

    // the resident comes back: what was ticked is still ticked, the rest is not
    openTask(task(pi));
    wait.until(ExpectedConditions.numberOfElementsToBe(CHECKBOXES, checklist.size()));
    wait.until(driver -> checked().equals(checklist.subList(0, 2)));
    shot("proxy-02-prepare-back-with-ticks");
    for (String material : checklist.subList(2, checklist.size())) {
      tick(material);
    }
    click(By.xpath("//button[normalize-space()='完成']"));
    wait.until(driver -> "Task_Entrustment".equals(task(pi).getTaskDefinitionKey()));

    // entrustment: the print link comes before the box, and the letter already lists the materials
    openTask(task(pi));
    WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("a[href$='/print/proxy/" + number + "/entrustment']")));
    WebElement signed = driver.findElement(By.cssSelector("input[id$='Field_entrustmentSigned']"));
    assertThat(link.getLocation().getY()).isLessThan(signed.getLocation().getY());
    shot("proxy-03-entrustment-form");
    driver.get(base() + "/print/proxy/" + number + "/entrustment");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
    assertThat(body()).contains("代办委托书及材料接收单", String.join("；", checklist), "委托人签字");
    shot("proxy-04-entrustment-printed");

    taskService.complete(task(pi).getId(), Map.of("entrustedBy", "孙桂兰", "entrustmentSigned", true));
    taskService.complete(task(pi).getId(), Map.of("submittedDate", "2026-11-16", "departmentReceiptNo", "MZ-1"));

    // the department finished: the worker records the result to hand over in the progress form
    openTask(task(pi));
    click(By.xpath("//label[contains(@for,'Field_departmentStatus')][contains(normalize-space(),'已办结')]"));
    WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("textarea[id$='Field_handedOverItems']")));
    scrollTo(result);
    result.sendKeys("高龄津贴审批通知书一份");
    WebElement note = driver.findElement(By.cssSelector("textarea[id$='Field_progressNote']"));
    scrollTo(note);
    note.sendKeys("审批通过，津贴次月发放", Keys.TAB);
    shot("proxy-05-progress-approved");
    click(By.xpath("//button[normalize-space()='完成']"));
    wait.until(driver -> "Task_HandOver".equals(task(pi).getTaskDefinitionKey()));

    // handover: the form holds the result, and the sheet printed before signing shows it
    openTask(task(pi));
    WebElement items = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("textarea[id$='Field_handedOverItems']")));
    wait.until(driver -> "高龄津贴审批通知书一份".equals(items.getDomProperty("value")));
    assertThat(driver.findElements(By.cssSelector("a[href$='/print/proxy/" + number + "/handover']"))).hasSize(1);
    shot("proxy-06-handover-form");
    driver.get(base() + "/print/proxy/" + number + "/handover");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
    assertThat(body()).contains("代办结果交接单", "孙桂兰", "高龄津贴审批通知书一份", "签收人签字");
    shot("proxy-07-handover-printed-before-signing");
  }

  private ProcessInstance request() {
    Map<String, Object> input = new HashMap<>();
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", "13941400001");
    input.put("residentEmail", "");
    input.put("residentAddress", "平山区崔东街道12号楼3单元");
    input.put("proxyItem", "senior-allowance");
    input.put("summary", "请社区代办高龄津贴");
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input));
    taskService.complete(task(pi).getId(), Map.of("residentCondition", "none", "hasDifficulty", true));
    assertThat(task(pi).getTaskDefinitionKey()).isEqualTo("Task_PrepareApplication");
    return pi;
  }

  private Task task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  /** The checklist's options as the worker reads them. */
  private List<String> labels() {
    return driver.findElements(CHECKBOXES).stream()
        .map(box -> box.findElement(By.xpath("./ancestor::label[1]")).getText().strip()).toList();
  }

  private List<String> checked() {
    return driver.findElements(CHECKBOXES).stream().filter(WebElement::isSelected)
        .map(box -> box.findElement(By.xpath("./ancestor::label[1]")).getText().strip()).toList();
  }

  private void tick(String material) {
    WebElement box = driver.findElements(CHECKBOXES).stream()
        .filter(b -> b.findElement(By.xpath("./ancestor::label[1]")).getText().strip().equals(material))
        .findFirst().orElseThrow();
    scrollTo(box);
    box.findElement(By.xpath("./ancestor::label[1]")).click();
    wait.until(driver -> box.isSelected());
  }

  /** Opens a task by its Tasklist link and waits for its form to show the case number. */
  private void openTask(Task task) {
    driver.get(base() + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[id$='Field_caseNumber']")));
    wait.until(driver -> number.getDomProperty("value") != null && !number.getDomProperty("value").isEmpty());
    wait.until(driver -> body().contains(task.getName()));
    // the case is the first responder's: the form is open to him at once
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("div.disabled-form"), 0));
  }

  /** Closes Tasklist's notices first (as a person would): "在同一流程中，您还负责以下任务" covers the 完成 button. */
  private void click(By locator) {
    for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
    scrollTo(element);
    element.click();
  }

  private void scrollTo(WebElement element) {
    chromium.scrollTo(element);
  }

  private String body() {
    return chromium.text();
  }

  private void login(String user) {
    chromium.login(user);
  }

  private String base() {
    return chromium.base();
  }

  private void shot(String name) throws Exception {
    chromium.screenshot(name);
  }
}
