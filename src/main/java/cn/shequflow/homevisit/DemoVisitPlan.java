package cn.shequflow.homevisit;

import java.time.YearMonth;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo profile: plans the current month right after the demo households are in, so Tasklist shows visits at once. */
@Component
@Profile("!prod & !test")
// --shequ.demo.data=false: demo users without demo data (a quicker start, e.g. the durability test's own JVM)
@ConditionalOnProperty(name = "shequ.demo.data", havingValue = "true", matchIfMissing = true)
class DemoVisitPlan {

  private final VisitPlanner planner;

  DemoVisitPlan(VisitPlanner planner) {
    this.planner = planner;
  }

  @EventListener
  @Order(Ordered.LOWEST_PRECEDENCE)
  public void plan(ApplicationReadyEvent event) {
    planner.plan(YearMonth.from(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"))));
  }
}
