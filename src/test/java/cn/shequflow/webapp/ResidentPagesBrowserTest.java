package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 13 item 10 in a real Chromium (Debian chromium + chromium-driver) emulating a 390 px phone: every
 * resident-facing page — the feedback card and its thank-you, a used link's message, the 404 page, the receipt, the
 * entrustment and the handover sheet — fits the screen without sideways scrolling, shows the community's name and
 * phone on its first screen, reads in Chinese, gives times to the minute and people by name. Full-page screenshots
 * land in target/screenshots/resident (docs/guide.md's screenshots/*-390.png are copies of them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ResidentPagesBrowserTest {

  private static final int PHONE_WIDTH = 390;
  private static final int PHONE_HEIGHT = 844;
  /** Latin words a resident may read on these pages: none so far besides case numbers and phone numbers. */
  private static final List<String> ENGLISH_ALLOWED = List.of();
  private static final Pattern CASE_NUMBER = Pattern.compile("\\b[A-Z]{2}\\d{8}-\\d{5}\\b");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
  private static final Pattern SECONDS_OR_ZONE = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}|\\d{2}\\.\\d{3}|UTC|GMT|CST");

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  @Value("${shequ.community-name}") String communityName;
  @Value("${shequ.community-phone}") String communityPhone;

  Chromium chromium;
  ChromeDriver driver;
  WebDriverWait wait;

  @BeforeEach
  void browser() throws Exception {
    ClockUtil.reset();
    chromium = Chromium.start(port, "resident", "1000,900", "--hide-scrollbars");
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
  @DisplayName("issue 13 item 10 居民看到的页面在 390 px 手机屏上不横向滚动，首屏可见社区名称和电话，全是中文，时间到分，人写姓名")
  void residentPages_fitA390pxPhone_andShowTheCommunity() throws Exception {
    ResidentCases cases = new ResidentCases(runtimeService, taskService, organisation, cards);
    String token = cases.feedbackToken("吴晓燕");
    ProcessInstance reception = cases.openReception("孙桂兰");
    ProcessInstance proxy = cases.handedOverProxy();

    phone();
    open("/feedback/" + token, "feedback-card-390");
    // a thumb's choice: the whole label is the target, then the comment and the button below it
    WebElement basically = driver.findElement(By.xpath("//label[normalize-space()='基本满意']"));
    assertThat(basically.getSize().getHeight()).as("choice height").isGreaterThanOrEqualTo(40);
    basically.click();
    WebElement comment = driver.findElement(By.id("comment"));
    comment.sendKeys("办事很快，希望活动室周末也开放");
    assertThat(comment.getRect().getX() + comment.getRect().getWidth()).isLessThanOrEqualTo(PHONE_WIDTH);
    driver.findElement(By.xpath("//button[normalize-space()='提交评价']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(text(),'感谢您的评价')]")));
    assertThat(cards.find(token).orElseThrow().rating()).isEqualTo("basicallySatisfied");
    checkPage("feedback-thanks-390");
    open("/feedback/" + token, "feedback-used-390");
    assertThat(text()).contains("您已经评价过了");
    open("/no-such-page", "error-404-390");
    assertThat(text()).contains("页面不存在");

    desktop();
    login("zhangwei");
    phone();
    open("/print/receipt/" + reception.getBusinessKey(), "receipt-390");
    assertThat(text()).contains(reception.getBusinessKey(), "张伟", "孙桂兰",
        (String) runtimeService.getVariable(reception.getId(), "receivedText"));
    // on paper the print button is gone and the community's name and phone stay on top
    // (an A4 sheet's width at 96 dpi, 794 px, for the screenshot)
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 794, "height", 1123,
        "deviceScaleFactor", 1, "mobile", false));
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(driver.findElement(By.id("print-button")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.cssSelector(".community-name")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.cssSelector(".community-phone")).getText()).contains(communityPhone);
    assertThat(js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(255, 255, 255)");
    screenshot("receipt-print");
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    phone();

    open("/print/proxy/" + proxy.getBusinessKey() + "/entrustment", "proxy-entrustment-390");
    assertThat(text()).contains("代办委托书及材料接收单", "本服务免费", "张伟", "孙桂兰");
    open("/print/proxy/" + proxy.getBusinessKey() + "/handover", "proxy-handover-390");
    assertThat(text()).contains("代办结果交接单", "高龄津贴审批通知书", "张伟", "孙桂兰");
  }

  @Test
  @DisplayName("R-3.1.1-3、R-4.2-4 居民在手机上网上留言，回执给出事项编号；张伟在新留言与邮件中认领后，居民凭编号和电话后四位查到“社区办理中”")
  void onlineMessage_fromAPhone_receipt_claim_andLookup() throws Exception {
    phone();
    open("/public/message", "online-message-390");
    driver.findElement(By.id("residentName")).sendKeys("赵秀兰");
    driver.findElement(By.id("residentPhone")).sendKeys("13941406655");
    new Select(driver.findElement(By.id("category"))).selectByValue("facility-repair");
    driver.findElement(By.id("summary")).sendKeys("5号楼2单元楼道灯不亮，晚上上下楼看不清");
    driver.findElement(By.id("send")).click();
    WebElement number = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("case-number")));
    String caseNumber = number.getText().trim();
    assertThat(caseNumber).startsWith("JD");
    checkPage("online-receipt-390");
    assertThat(text()).contains("如何查询办理进度", "后四位");

    // the message waits in 新留言与邮件; 张伟 claims it there and it becomes his grid's case
    Task task = taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).singleResult();
    assertThat(taskService.getIdentityLinksForTask(task.getId()))
        .anyMatch(link -> Organisation.INTAKE.equals(link.getGroupId()));
    organisation.runAs("zhangwei", () -> {
      taskService.claim(task.getId(), "zhangwei");
      return null;
    });
    assertThat(runtimeService.getVariable(task.getProcessInstanceId(), "grid")).isEqualTo("grid-1");

    open("/public/lookup", "online-lookup-390");
    driver.findElement(By.id("caseNumber")).sendKeys(caseNumber);
    driver.findElement(By.id("phoneTail")).sendKeys("6655");
    driver.findElement(By.id("look-up")).click();
    WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));
    assertThat(status.getText()).isEqualTo("社区办理中");
    checkPage("online-lookup-answer-390");
    assertThat(text()).doesNotContain("赵秀兰", "13941406655", "张伟");
    runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "测试结束");
  }

  /** Opens a page of the app and checks it as a resident's phone shows it. */
  private void open(String path, String shot) throws Exception {
    driver.get(base() + path);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("footer.community-foot")));
    checkPage(shot);
  }

  private void checkPage(String shot) throws Exception {
    wait.until(driver -> "complete".equals(js("return document.readyState")));
    wait.until(driver -> Boolean.TRUE.equals(js("return document.fonts.status === 'loaded'")));
    String page = driver.getCurrentUrl();
    long innerWidth = ((Number) js("return window.innerWidth")).longValue();
    assertThat(innerWidth).as("%s: the phone viewport (a page without its viewport meta would be 980 px)", page)
        .isEqualTo(PHONE_WIDTH);
    long scrollWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
    assertThat(scrollWidth).as("%s: no sideways scrolling", page).isLessThanOrEqualTo(innerWidth);
    // nothing sticks out either, even inside a box that would scroll on its own
    Object wider = js("const w = window.innerWidth; return Array.from(document.body.querySelectorAll('*'))"
        + ".filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5); })"
        + ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 20));");
    assertThat((List<?>) wider).as("%s: elements wider than the screen", page).isEmpty();

    for (String part : List.of(".community-name", ".community-phone")) {
      WebElement element = driver.findElement(By.cssSelector("header.community-bar " + part));
      assertThat(element.isDisplayed()).as("%s: %s visible", page, part).isTrue();
      assertThat(element.getRect().getY() + element.getRect().getHeight()).as("%s: %s on the first screen", page, part)
          .isLessThanOrEqualTo(PHONE_HEIGHT);
      assertThat(element.getRect().getX() + element.getRect().getWidth()).isLessThanOrEqualTo(PHONE_WIDTH);
    }
    assertThat(driver.findElement(By.cssSelector("header.community-bar .community-name")).getText())
        .isEqualTo(communityName);
    assertThat(driver.findElement(By.cssSelector("header.community-bar .community-phone")).getText())
        .contains(communityPhone);
    WebElement logo = driver.findElement(By.cssSelector("header.community-bar img.community-logo"));
    assertThat(((Number) js("return arguments[0].naturalWidth", logo)).intValue()).as("%s: the logo loaded", page)
        .isGreaterThan(0);
    assertThat(js("return getComputedStyle(document.body).fontFamily").toString()).contains("Noto Sans CJK SC");

    String text = text();
    String latin = CASE_NUMBER.matcher(text).replaceAll(" ");
    assertThat(Chromium.englishWords(latin, LATIN_WORD, ENGLISH_ALLOWED)).as("%s: English words in: %s", page, text)
        .isEmpty();
    assertThat(SECONDS_OR_ZONE.matcher(text).find()).as("%s: times to the minute, Beijing time: %s", page, text)
        .isFalse();
    assertThat(text).as("%s: people by name, not by user id", page).doesNotContain("zhangwei", "liuyang");
    screenshot(shot);
  }

  /** A 390 × 844 phone (iPhone 12–15 class): the page is laid out for its viewport meta, as on the phone. */
  private void phone() {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH,
        "height", PHONE_HEIGHT, "deviceScaleFactor", 2, "mobile", true));
  }

  private void desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  private void screenshot(String name) throws Exception {
    chromium.screenshot(name);
  }

  private void login(String user) {
    chromium.login(user);
  }

  private String text() {
    return chromium.text();
  }

  private Object js(String script, Object... arguments) {
    return chromium.js(script, arguments);
  }

  private String base() {
    return chromium.base();
  }
}
