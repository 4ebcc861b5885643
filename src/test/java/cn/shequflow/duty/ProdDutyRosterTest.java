package cn.shequflow.duty;

import static cn.shequflow.EngineTestSupport.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.shequflow.ShequFlowApplication;
import cn.shequflow.TestDatabase;
import cn.shequflow.calendar.CalendarProperties;
import cn.shequflow.calendar.WorkingDayCalendar;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10 item 11: production ships no duty roster. The repository's config/duty-roster.csv names the demo
 * workers; in the prod profile it is neither read nor taken from the jar, no shift is opened, and the log tells the
 * operator how to provide the community's own file.
 */
class ProdDutyRosterTest {

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @TempDir Path folder;

  @AfterEach
  void releaseLogs() {
    ((Logger) LoggerFactory.getLogger(DutyRoster.class)).detachAppender(logs);
  }

  @Test
  @DisplayName("issue 10 item 11 prod 配置不加载演示排班表：启动后没有值班班次，日志说明如何提供本社区的排班表")
  void prod_loadsNoDemoRoster_opensNoShift_andSaysHowToProvideOne() {
    // run from the repository, where config/duty-roster.csv (the demo roster, covering today) lies next to the app
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShequFlowApplication.class)
        .profiles("prod").web(WebApplicationType.NONE).run(TestDatabase.appArgs("prod-roster",
            "--SHEQU_ADMIN_PASSWORD=Benxi-2026-secret", "--SHEQU_PUBLIC_BASE_URL=https://shequ.example.cn",
            "--spring.autoconfigure.exclude="
                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration",
            // its own engine name, so closing it leaves the cached test contexts' engine registered
            "--camunda.bpm.process-engine-name=prodroster",
            "--camunda.bpm.job-execution.enabled=false"))) {
      DutyRoster roster = context.getBean(DutyRoster.class);
      // Spring Boot re-initialises logging while the context starts, so the capture begins now; the roster says
      // the same at start-up and whenever a shift is due
      logs.start();
      ((Logger) LoggerFactory.getLogger(DutyRoster.class)).addAppender(logs);

      assertThat(context.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
          .processDefinitionKey(DutyShiftStarter.PROCESS_KEY).count()).isZero();
      // a day shift the demo roster covers (lina, 国庆节值班)
      assertThat(roster.shiftAt(LocalDateTime.of(2026, 10, 1, 12, 0).atZone(SHANGHAI).toInstant())).isEmpty();
      assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
          .anyMatch(line -> line.contains("未配置值班排班表") && line.contains("SHEQU_DUTY_ROSTER"));
    }
  }

  @Test
  @DisplayName("issue 10 item 11 运维指定的排班表文件不存在时拒绝启动，不会改用 jar 内的演示排班表")
  void namedRosterMissing_failsInsteadOfFallingBackToTheDemo() {
    WorkingDayCalendar calendar = new WorkingDayCalendar(CalendarProperties.defaults());
    String missing = folder.resolve("duty-roster.csv").toString();

    assertThatThrownBy(() -> new DutyRoster(DutyProperties.withRoster(missing), calendar))
        .hasMessageContaining("找不到值班排班表").hasMessageContaining("SHEQU_DUTY_ROSTER");
    assertThat(new DutyRoster(DutyProperties.withRoster(""), calendar)
        .shiftAt(LocalDateTime.of(2026, 10, 1, 12, 0).atZone(SHANGHAI).toInstant())).isEmpty();
  }
}
