package cn.shequflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.webapp.Chromium;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 14: 服务指标 and 事项台账 in Tasklist's and Cockpit's own header, in a real Chromium (zh-CN), for the users
 * who may open them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CamundaHeaderLinksBrowserTest {

  private static final By DASHBOARD = By.xpath("//a[contains(@class,'shequ-header-link')][normalize-space()='服务指标']");
  private static final By YEAR_WARNING = By.cssSelector(".shequ-year-warning");
  private static final By REGISTER = By.xpath("//a[contains(@class,'shequ-header-link')][normalize-space()='事项台账']");

  @LocalServerPort int port;
  @Autowired WorkingDayCalendar workingDays;

  Chromium chromium;

  @BeforeEach
  void browser() throws Exception {
    chromium = Chromium.start(port, "header-links");
  }

  @AfterEach
  void close() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("刘洋在任务列表和 Cockpit 的页头看到服务指标和事项台账，点服务指标打开看板")
  void managerFindsTheDashboardInTasklistsAndCockpitsHeader() throws Exception {
    chromium.login("tasklist", "liuyang");
    WebElement link = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(DASHBOARD));
    assertThat(link.getAttribute("href")).endsWith("/staff/dashboard");
    assertThat(chromium.driver().findElements(REGISTER)).hasSize(1);
    chromium.screenshot("01-tasklist-liuyang");
    // from 1 November, while next year has no rows in the holiday table, the manager sees the standing warning
    String warning = workingDays.nextYearWarning();
    if (warning != null) {
      WebElement box = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(YEAR_WARNING));
      assertThat(box.getText()).contains(warning);
    }
    link.click();
    chromium.waiter().until(ExpectedConditions.urlContains("/staff/dashboard"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "响应率"));
    assertThat(chromium.driver().getTitle() + chromium.text()).contains("服务指标");

    chromium.open("/camunda/app/cockpit/default/");
    link = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(DASHBOARD));
    assertThat(chromium.driver().findElements(REGISTER)).hasSize(1);
    chromium.screenshot("02-cockpit-liuyang");
    link.click();
    chromium.waiter().until(ExpectedConditions.urlContains("/staff/dashboard"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "响应率"));
  }

  @Test
  @DisplayName("张伟（网格员）在任务列表的页头只看到事项台账，没有服务指标")
  void workerGetsTheRegisterButNoDashboardLink() throws Exception {
    chromium.login("tasklist", "zhangwei");
    WebElement link = chromium.waiter().until(ExpectedConditions.visibilityOfElementLocated(REGISTER));
    assertThat(link.getAttribute("href")).endsWith("/staff/cases");
    List<WebElement> dashboard = chromium.driver().findElements(DASHBOARD);
    assertThat(dashboard).isEmpty();
    assertThat(chromium.driver().findElements(YEAR_WARNING)).as("no holiday-table warning for a worker").isEmpty();
    chromium.screenshot("03-tasklist-zhangwei");
    link.click();
    chromium.waiter().until(ExpectedConditions.urlContains("/staff/cases"));
    chromium.waiter().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "事项台账"));
  }
}
