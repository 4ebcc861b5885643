package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.organisation.TaskFilterProvisioner;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
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
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * A grid worker's day in a real Chromium (issue 13 "Done when"): 张伟's 本网格待办 puts the task due soonest on top,
 * the overdue case he holds is still his, the manager runs the month's visit plan on /staff/visits, and 张伟 finds
 * the household's visit in 本网格走访, claims it and works the appointment and the arrival through their forms.
 * Every page is checked for English words; full-page screenshots land in target/screenshots/day (the README's
 * docs/screenshots/worker-*.png are copies).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkerDayBrowserTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String HOUSEHOLD = "DX-0901-301";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired JdbcTemplate jdbc;

  Chromium chromium;
  /** A failed step leaves its page behind in target/screenshots/day. */
  @RegisterExtension
  final AfterTestExecutionCallback keepFailedPage = context -> context.getExecutionException()
      .ifPresent(failure -> chromium.dump("failed-" + context.getRequiredTestMethod().getName()));

  @BeforeEach
  void browser() throws Exception {
    ClockUtil.reset();
    chromium = Chromium.start(port, "day");
  }

  @AfterEach
  void close() {
    ClockUtil.reset();
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("R-3.1.2-3/5、R-4.2-1 网格员的一天（真实浏览器）：本网格待办先到期的在前，逾期事项仍归张伟；刘洋生成本月走访计划，张伟在本网格走访中认领并用表单完成预约和入户")
  void aWorkersDay_dueFirst_andAHomeVisitThroughItsForms() throws Exception {
    ProcessInstance late = letters().overdue("逾期来信居民", "13941400088", "来信询问社区活动室开放时间", 12);
    Task lateReply = task(late, "Task_HandleMatter");
    // a letter of today: newer, so a list by creation time would show it first
    ProcessInstance fresh = letters().letter("今日来信居民", "13941400087", "来信询问老年活动中心课程", 0);
    Task freshReply = task(fresh, "Task_HandleMatter");
    assertThat(lateReply.getAssignee()).as("the case's follow-up stays with its holder").isEqualTo("zhangwei");
    household();

    // the manager runs the month's plan on the staff page
    chromium.login("liuyang");
    chromium.open("/staff/visits");
    WebElement run = chromium.waiter().until(ExpectedConditions.elementToBeClickable(
        By.xpath("//button[starts-with(normalize-space(),'生成')][contains(normalize-space(),'走访计划')]")));
    run.click();
    chromium.waiter().until(d -> chromium.text().contains("已生成"));
    assertThat(chromium.text()).contains("的走访计划：检查了");
    chromium.check("worker-01-visit-plan-run", Chromium.STAFF_ALLOWED);
    ProcessInstance visit = runtimeService.createProcessInstanceQuery().processDefinitionKey("home-visit")
        .processInstanceBusinessKey("ZF-" + HOUSEHOLD + "-" + YearMonth.now(SHANGHAI)).singleResult();
    assertThat(visit).as("the plan made the special household's monthly visit").isNotNull();
    chromium.logout();

    // 张伟's list: what is due first is on top (the overdue letter is due before anything created today)
    chromium.login("zhangwei");
    filter("本网格待办");
    Task soonest = taskService.createTaskQuery().taskCandidateGroup("grid-1").includeAssignedTasks()
        .processDefinitionKeyIn(TaskFilterProvisioner.CASE_PROCESSES).active().orderByDueDate().asc()
        .orderByTaskPriority().desc().listPage(0, 1).get(0);
    assertThat(soonest.getDueDate()).isBeforeOrEqualTo(lateReply.getDueDate()).isBefore(freshReply.getDueDate());
    WebElement first = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("ol.tasks-list > li:first-child")));
    String number = (String) taskService.getVariable(soonest.getId(), "caseNumber");
    chromium.waiter().until(d -> first.getText().contains(number));
    assertThat(first.getText()).contains(soonest.getName());
    chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("ol.tasks-list > li:first-child .shequ-card-deadline.shequ-overdue")));
    // the sorting header says so: 到期时间, not Tasklist's default 创建时间
    chromium.waiter().until(d -> d.findElements(By.cssSelector("li.sorting-choice .sort-by")).stream()
        .anyMatch(e -> e.getText().contains("到期时间")));
    assertThat(chromium.driver().findElements(By.cssSelector("li.sorting-choice .sort-by")))
        .extracting(WebElement::getText).noneMatch(label -> label.contains("创建时间"));
    chromium.check("worker-02-due-first", Chromium.STAFF_ALLOWED);

    // the month's visits of his grid, on the staff page and in Tasklist
    chromium.open("/staff/visits?kind=monthly");
    chromium.waiter().until(d -> chromium.text().contains("本月走访计划"));
    assertThat(chromium.text()).contains(visit.getBusinessKey(), "第一网格").doesNotContain("第二网格");
    chromium.check("worker-03-visit-plan-grid", Chromium.STAFF_ALLOWED);
    filter("本网格走访");
    chromium.check("worker-04-visit-filter", Chromium.STAFF_ALLOWED);

    String visitNumber = visit.getBusinessKey();
    openCard(visitNumber, "预约走访");
    chromium.click(By.xpath("//button[normalize-space()='认领']"));
    chromium.waiter().until(d -> "zhangwei".equals(task(visit, "Task_Appointment").getAssignee()));
    chromium.waiter().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("div.disabled-form"), 0));
    // issue 15 item 7: the open task says how its deadline stands in working days, next to its own dates
    WebElement standing = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("ul.dates .shequ-task-standing")));
    chromium.waiter().until(d -> !standing.getText().isBlank());
    assertThat(standing.getText()).matches("(剩余 \\d+ 个工作日|今日到期|已超期( \\d+ 个工作日)?)(（暂定）)?");
    assertThat(standing.getAttribute("title")).startsWith("期限：");
    // 完成 on an empty form: the toast names the fields to look at, not only 提交任务表单时出错
    chromium.click(By.xpath("//button[normalize-space()='完成']"));
    WebElement refusal = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//div[contains(@class,'notifications')]//div[contains(@class,'alert')][contains(.,'提交任务表单时出错')]")));
    chromium.waiter().until(d -> refusal.getText().contains("请检查表单中标红的项"));
    assertThat(refusal.getText()).contains("预约方式");
    chromium.check("worker-05-visit-refused", Chromium.STAFF_ALLOWED);
    ((JavascriptExecutor) chromium.driver()).executeScript("arguments[0].click()",
        refusal.findElement(By.cssSelector("button.close")));
    chromium.click(By.xpath("//*[contains(@class,'fjs-form-field-select')][.//label[contains(normalize-space(),'预约方式')]]"
        + "//*[contains(@class,'fjs-select-display') or self::input]"));
    chromium.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='电话']"));
    LocalDate tomorrow = LocalDate.now(SHANGHAI).plusDays(1);
    WebElement date = chromium.driver().findElement(By.cssSelector("input[id$='Field_appointmentAt-date']"));
    chromium.scrollTo(date);
    date.click();
    // a Chinese date field: yyyy-MM-dd whatever the operating system's language, its calendar in Chinese from Monday
    chromium.waiter().until(d -> "年-月-日".equals(date.getDomAttribute("placeholder")));
    List<String> weekdays = chromium.driver().findElements(By.cssSelector(".flatpickr-calendar.open .flatpickr-weekday"))
        .stream().map(WebElement::getText).map(String::trim).toList();
    assertThat(weekdays).containsExactly("一", "二", "三", "四", "五", "六", "日");
    date.sendKeys(tomorrow.toString(), Keys.ENTER);
    chromium.waiter().until(d -> tomorrow.toString().equals(date.getDomProperty("value")));
    WebElement time = chromium.driver().findElement(By.cssSelector("input[id$='Field_appointmentAt-time']"));
    time.click();
    time.sendKeys("10:00", Keys.ENTER);
    chromium.click(By.xpath("//label[contains(@for,'Field_preparedChecklist')]"));
    chromium.check("worker-06-visit-appointment", Chromium.STAFF_ALLOWED);
    chromium.click(By.xpath("//button[normalize-space()='完成']"));
    chromium.waiter().until(d -> task(visit, "Task_Arrival") != null);
    Object agreed = runtimeService.getVariable(visit.getId(), "appointmentAt");
    assertThat(String.valueOf(agreed)).startsWith(tomorrow + "T10:00");

    // the arrival: a visit step goes to the grid, so he claims it unless it is his already
    openCard(visitNumber, "入户走访");
    chromium.waiter().until(d -> "zhangwei".equals(task(visit, "Task_Arrival").getAssignee())
        || !chromium.driver().findElements(By.xpath("//button[normalize-space()='认领']")).isEmpty());
    if (task(visit, "Task_Arrival").getAssignee() == null) {
      chromium.click(By.xpath("//button[normalize-space()='认领']"));
    }
    chromium.waiter().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("div.disabled-form"), 0));
    chromium.click(By.xpath("//label[contains(@for,'Field_identityShown')]"));
    chromium.click(By.xpath("//label[contains(@for,'Field_purposeStated')]"));
    chromium.click(By.xpath("//label[contains(@for,'Field_consent')][normalize-space()='同意入户']"));
    chromium.check("worker-07-visit-arrival", Chromium.STAFF_ALLOWED);
    chromium.click(By.xpath("//button[normalize-space()='完成']"));
    chromium.waiter().until(d -> task(visit, "Task_HouseholdProfile") != null);
    assertThat(runtimeService.getVariable(visit.getId(), "consent")).isEqualTo("granted");
  }

  /** A special household (living alone) of grid 1: the plan gives it a visit every month. */
  private void household() {
    if (jdbc.queryForObject("select count(*) from household where household_no = ?", Long.class, HOUSEHOLD) == 0) {
      jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
          + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", HOUSEHOLD, "grid-1", "本溪市平山区崔东街道东兴路9号楼301室",
          "周淑芬", "13941400066", "livingAlone", "test", new Timestamp(System.currentTimeMillis()));
    }
  }

  private Task task(ProcessInstance pi, String key) {
    return letters().task(pi, key);
  }

  private LateLetters letters() {
    return new LateLetters(runtimeService, taskService, managementService, organisation);
  }

  /** Picks a filter of the Tasklist, the way a worker does: by its name in the list on the left. */
  private void filter(String name) {
    if (!chromium.driver().getCurrentUrl().contains("/app/tasklist/")) {
      chromium.open("/camunda/app/tasklist/default/");
    }
    // the link's first text is the name; the hidden counter of the focused filter follows it
    chromium.click(By.xpath("//*[contains(@class,'task-filter')]//a[normalize-space(text())='" + name + "']"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector(".task-filter.active h4"), name));
    chromium.waiter().until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("ol.tasks-list > li, .no-tasks")));
  }

  /** Opens a task from its card in the list shown, as a worker does: the card with the case's number and the step. */
  private void openCard(String number, String step) {
    By card = By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(.,'" + number + "')][contains(.,'" + step + "')]"
        + "//h4");
    chromium.click(card);
    chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
        "//*[contains(@class,'fjs-form')]//*[contains(normalize-space(),'" + step + "')]")));
  }
}
