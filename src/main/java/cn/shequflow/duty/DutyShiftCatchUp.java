package cn.shequflow.duty;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the shift that is on now when the app starts between two shift starts (after a restart or on a newcomer's
 * first run), so no shift goes without a duty log; starting a shift twice is refused by the starter.
 */
@Component
@Profile("!test")
class DutyShiftCatchUp {

  private static final Logger LOG = LoggerFactory.getLogger(DutyShiftCatchUp.class);

  private final DutyShiftStarter starter;

  DutyShiftCatchUp(DutyShiftStarter starter) {
    this.starter = starter;
  }

  @EventListener
  public void onStart(ApplicationReadyEvent event) {
    try {
      starter.startShiftAt(Instant.ofEpochMilli(ClockUtil.getCurrentTime().getTime()))
          .ifPresent(key -> LOG.info("启动时补开当前值班班次 {}", key));
    } catch (RuntimeException e) {
      LOG.warn("启动时未能补开当前值班班次：{}", e.getMessage());
    }
  }
}
