package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.util.Date;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
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
 * The worker's journey in a real Chromium (Debian chromium + chromium-driver): the Chinese Tasklist, the start form
 * with its validation, the reply task with its due date, grid separation and the manager's Cockpit. Screenshots of
 * each step land in target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TasklistBrowserTest {

  private static final String RESIDENT = "浏览器测试居民";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired WorkingDayCalendar workingDays;

  Chromium chromium;
  WebDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void browser() throws Exception {
    chromium = Chromium.start(port, "");
    driver = chromium.driver();
    wait = chromium.waiter();
  }

  @AfterEach
  void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("R-3.1.1-3 张伟在任务列表受理来信：表单校验、带期限的答复任务、李娜看不到、刘洋在 Cockpit 找到、张伟无须认领即可完成")
  void workerStartsALetterCase_andWorksItInTheChineseTasklist() throws Exception {
    login("tasklist", "zhangwei");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'本网格待办')]")));
    shot("01-tasklist-zhangwei");
    assertNoEnglish("Tasklist 首页");

    driver.findElement(By.xpath("//a[contains(normalize-space(),'发起流程')]")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='居民接待']"))).click();
    WebElement phone = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[id$='Field_residentPhone']")));
    driver.findElement(By.xpath("//label[contains(@for,'Field_channel')][normalize-space()='来信']")).click();
    driver.findElement(By.cssSelector("input[id$='Field_residentName']")).sendKeys(RESIDENT);

    // a bad phone number shows the error and keeps what was typed
    phone.sendKeys("12345", Keys.TAB);
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("[id$='Field_residentPhone-error-message']")));
    // form-js says "Field must match pattern ^(1[3-9]…"; the app's Tasklist script says it in Chinese words
    wait.until(driver -> error.getText().contains("格式不正确"));
    assertThat(error.getText()).contains("请填写11位手机号").doesNotContain("pattern").doesNotContain("^(");
    assertThat(phone.getDomProperty("value")).isEqualTo("12345");
    assertThat(startButton().isEnabled()).isFalse();
    shot("02-start-form-validation");

    // select-all + delete, as a person would: clear() bypasses the form's input events
    phone.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE, "13941400099", Keys.TAB);
    WebElement category = driver.findElement(By.cssSelector("input[id$='Field_category']"));
    category.click();
    category.sendKeys("一般咨询");
    wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='一般咨询']"))).click();
    driver.findElement(By.cssSelector("textarea[id$='Field_summary']")).sendKeys("来信咨询社区活动室开放时间");
    shot("03-start-form-filled");
    assertNoEnglish("发起表单");
    wait.until(ExpectedConditions.elementToBeClickable(startButton()));
    startButton().click();

    ProcessInstance started = waitForCase();
    String caseNumber = started.getBusinessKey();
    // issue 13 item 4: the worker is shown the new number at once, with the receipt to print
    WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shequ-started")));
    assertThat(notice.getText()).contains("已受理", caseNumber, "打印受理回执");
    assertThat(notice.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/print/receipt/" + caseNumber);
    shot("03b-started-number");
    Task reply = taskService.createTaskQuery().processInstanceId(started.getId()).singleResult();
    Date receivedAt = (Date) runtimeService.getVariable(started.getId(), "receivedAt");
    assertThat(reply.getDueDate()).isEqualTo(workingDays.deadline(receivedAt, 3));
    assertThat(reply.getAssignee()).as("the first responder holds the case").isEqualTo("zhangwei");
    // the lists put what is due first: in a suite full of earlier cases this letter (due in 3 working days) is not on
    // the first page, so the worker opens it by its link, as from a reminder mail
    openTask(reply);
    shot("04-reply-task");
    assertNoEnglish("答复任务");
    // the card of the open task says how its deadline stands in working days, by the calendar
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shequ-card-deadline")));
    // issue 13 item 6: the 历史记录 tab is the whole case
    click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='历史记录']"));
    WebElement history = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".shequ-history")));
    assertThat(driver.findElement(By.cssSelector(".shequ-history-tab")).getText())
        .contains("事项编号 " + caseNumber, "【接待】" + reply.getName(), "张伟", "办理中");
    assertThat(history.getText()).doesNotContain("zhangwei");
    shot("04b-case-history");
    assertNoEnglish("历史记录");
    driver.get(base() + "/print/receipt/" + caseNumber);
    shot("04c-receipt");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//h1[contains(normalize-space(),'受理回执')]")));
    assertThat(driver.findElement(By.tagName("body")).getText()).contains(caseNumber, "张伟");
    shot("04c-receipt");
    assertNoEnglish("受理回执");

    logout();
    login("tasklist", "lina");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'本网格待办')]")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list, .no-tasks, [class*='tasks']")));
    assertThat(driver.getPageSource()).doesNotContain(caseNumber).doesNotContain(RESIDENT);
    shot("05-tasklist-lina");

    logout();
    login("cockpit", "liuyang");
    driver.get(base() + "/camunda/app/cockpit/default/#/process-definition/" + started.getProcessDefinitionId()
        + "/runtime");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'" + caseNumber + "')]")));
    shot("06-cockpit-liuyang");

    logout();
    login("tasklist", "zhangwei");
    openTask(reply);
    // the case is already the first responder's (issue 13): the form is open to him at once, nothing to claim
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("div.disabled-form"), 0));
    assertThat(driver.findElements(By.xpath("//*[self::a or self::button][normalize-space()='认领']"))
        .stream().filter(WebElement::isDisplayed)).isEmpty();
    click(By.xpath("//label[contains(@for,'Field_outcome')][normalize-space()='当场答复']"));
    WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("textarea[id$='Field_answer']")));
    scrollTo(answer);
    answer.sendKeys("活动室每天8:30-17:00开放，周一闭馆。");
    shot("07-reply-filled");
    click(By.xpath("//button[normalize-space()='完成']"));
    wait.until(driver -> historyService.createHistoricProcessInstanceQuery().processInstanceId(started.getId())
        .finished().count() == 1);
    shot("08-completed");
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(started.getId()).singleResult()
        .getAssignee()).isEqualTo("zhangwei");
  }

  /** The page's visible text holds no English word outside product names and the time zone. */
  private void assertNoEnglish(String page) {
    chromium.assertNoEnglish(page, Chromium.TASKLIST_ALLOWED);
  }

  /** Opens a task by its Tasklist link and waits for its form: the task's name and case number are shown. */
  private void openTask(Task task) {
    driver.get(base() + "/camunda/app/tasklist/default/#/?task=" + task.getId());
    WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[id$='Field_caseNumber']")));
    wait.until(driver -> task.getProcessInstanceId() != null && number.getDomProperty("value") != null
        && !number.getDomProperty("value").isEmpty());
    assertThat(driver.findElement(By.tagName("body")).getText()).contains(task.getName());
  }

  /** Scrolls the element to the middle first: Tasklist's sticky form footer would otherwise take the click. */
  private void click(By locator) {
    WebElement element = wait.until(ExpectedConditions.elementToBeClickable(locator));
    scrollTo(element);
    element.click();
  }

  private void scrollTo(WebElement element) {
    chromium.scrollTo(element);
  }

  private WebElement startButton() {
    return driver.findElement(By.xpath("//button[normalize-space()='发起']"));
  }

  private ProcessInstance waitForCase() {
    return wait.until(driver -> runtimeService.createProcessInstanceQuery().processDefinitionKey("reception")
        .variableValueEquals("residentName", RESIDENT).singleResult());
  }

  private void login(String app, String user) {
    chromium.login(app, user);
  }

  private void logout() {
    chromium.logout();
  }

  private String base() {
    return chromium.base();
  }

  private void shot(String name) throws Exception {
    chromium.screenshot(name);
  }
}
