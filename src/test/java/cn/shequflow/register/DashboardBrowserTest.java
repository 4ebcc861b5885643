package cn.shequflow.register;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.feedback.FeedbackCards;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import cn.shequflow.webapp.Chromium;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 14 "Done when" in a real Chromium: as 刘洋, the dashboard shows the community's rates for the month with
 * ECharts drawn, and drills down from a figure to the register rows and on to a case's history. The month is July
 * 2031, which no other test uses; the screenshots (target/screenshots/dashboard) are the README's
 * docs/screenshots/manager-dashboard.png and manager-register.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DashboardBrowserTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;
  @Autowired FeedbackCards cards;
  Chromium chromium;

  @AfterEach
  void close() {
    ClockUtil.reset();
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  @DisplayName("issue 14 刘洋在真实浏览器中打开服务指标：本月比率、图表，点“逾期未办结”进入台账，再打开事项经过；全是中文")
  void theSecretarysDashboard_drillsDownToTheCases() throws Exception {
    setClock(shanghai(2031, 7, 1, 10, 0)); // a Tuesday
    for (String worker : new String[] {"zhangwei", "zhangwei", "lina", "wangfang"}) {
      ProcessInstance answered = start(worker, "visit", "咨询活动室开放时间");
      taskService.complete(task(answered), Map.of("outcome", "answered", "answer", "每天8:30-17:00开放"));
      cards.rate(cards.latestForCase(answered.getBusinessKey()).orElseThrow().token(),
          worker.equals("lina") ? "basicallySatisfied" : "satisfied", "", "worker:" + worker);
    }
    ProcessInstance late = start("zhangwei", "letter", "来信反映楼道灯不亮");
    setClock(shanghai(2031, 7, 14, 9, 30));

    chromium = Chromium.start(port, "dashboard", "1400,1000");
    chromium.login("liuyang");
    chromium.open("/staff/dashboard?month=2031-07");
    chromium.waiter().until(d -> !d.findElements(By.cssSelector("#chart-trend svg")).isEmpty()
        && !d.findElements(By.cssSelector("#chart-grids svg")).isEmpty());
    assertThat(chromium.text()).contains("服务指标 · 2031年7月（全社区）", "响应率", "80.0%", "满意率", "100.0%",
        "逾期未办结", late.getBusinessKey(), "各网格对比", "第一网格");
    // the lists show the shared test database's other cases too (the bad-input tests' residents among them): their
    // data is not the page's text, so the English check reads the page outside its tables
    chromium.screenshot("manager-dashboard");
    assertThat(Chromium.englishWords(chromium.textOutsideTables(), Chromium.ENGLISH_WORD, Chromium.STAFF_ALLOWED))
        .isEmpty();

    chromium.click(By.xpath("//div[contains(@class,'tile-count')][.//div[normalize-space()='逾期未办结']]//a"));
    chromium.waiter().until(d -> chromium.text().contains("只列出：逾期未办结"));
    assertThat(chromium.text()).contains(late.getBusinessKey(), "共 1 件", "来信", "张伟");
    chromium.check("manager-register", Chromium.STAFF_ALLOWED);

    chromium.click(By.linkText(late.getBusinessKey()));
    chromium.waiter().until(d -> chromium.text().contains("办理经过"));
    assertThat(chromium.text()).contains("受理并答复居民", "已逾期");
    chromium.check("manager-case", Chromium.STAFF_ALLOWED);
  }

  private ProcessInstance start(String worker, String channel, String summary) {
    Map<String, Object> input = ReceptionInput.of(channel);
    input.put("summary", summary);
    return organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", input));
  }

  private String task(ProcessInstance pi) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
  }
}
