package cn.shequflow.online;

import cn.shequflow.casefile.CaseInput;
import cn.shequflow.errors.ChineseErrors;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.EngineClock;
import cn.shequflow.security.SlidingWindow;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a resident leaves on the public page or API (网上留言): checked by the reception start's own rules (the same
 * Chinese errors), held back by a honeypot field and per-address and per-phone limits, then started by the app itself
 * (nobody logged in) as a reception case with channel online, which waits in the intake queue (新留言与邮件).
 */
@Component
class OnlineDesk {

  private static final Logger LOG = LoggerFactory.getLogger(OnlineDesk.class);

  /** What a resident sends; {@code website} is the honeypot a person never fills in. */
  record Message(String residentName, String residentPhone, String residentEmail, String category, String summary,
      String website) {}

  /** The outcome: a case number, or an HTTP status with a Chinese message (and the field it is about). */
  record Outcome(int status, String caseNumber, String message, String field) {
    boolean accepted() {
      return caseNumber != null;
    }
  }

  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final SlidingWindow perAddress;
  private final SlidingWindow perPhone;
  private final Duration window;

  OnlineDesk(RuntimeService runtimeService, Organisation organisation,
      @Value("${shequ.online.messages-per-address:10}") int messagesPerAddress,
      @Value("${shequ.online.messages-per-phone:3}") int messagesPerPhone,
      @Value("${shequ.online.message-window:PT1H}") Duration window) {
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.window = window;
    this.perAddress = new SlidingWindow(messagesPerAddress, window, new EngineClock());
    this.perPhone = new SlidingWindow(messagesPerPhone, window, new EngineClock());
  }

  Outcome leave(Message message, String address) {
    if (perAddress.blocked(address)) {
      return tooMany();
    }
    if (message.website() != null && !message.website().isBlank()) {
      perAddress.count(address); // a robot that fills every field: counted, and no case
      LOG.warn("网上留言：来自 {} 的提交填写了隐藏字段，未受理", address);
      return new Outcome(400, null, "提交未成功：请刷新页面后重新填写。", "website");
    }
    String phone;
    try {
      phone = CaseInput.residentPhone(message.residentPhone());
    } catch (RuntimeException invalid) {
      return refused(invalid);
    }
    if (perPhone.blocked(phone)) {
      return tooMany();
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put("channel", "online");
    variables.put("residentName", message.residentName());
    variables.put("residentPhone", phone);
    variables.put("residentEmail", message.residentEmail() == null ? "" : message.residentEmail());
    variables.put("category", message.category() == null ? "" : message.category());
    variables.put("summary", message.summary() == null ? "" : message.summary());
    String caseNumber;
    try {
      caseNumber = organisation.runAsApp(() ->
          runtimeService.startProcessInstanceByKey("reception", variables).getBusinessKey());
    } catch (RuntimeException refused) {
      return refused(refused);
    }
    perAddress.count(address);
    perPhone.count(phone);
    return new Outcome(201, caseNumber, null, null);
  }

  private Outcome tooMany() {
    return new Outcome(429, null, "留言过于频繁，请" + minutes(window) + "后再试；急事请直接致电社区。", null);
  }

  static String minutes(Duration window) {
    return window.toMinutes() >= 60 && window.toMinutes() % 60 == 0 ? window.toHours() + "小时"
        : Math.max(1, window.toMinutes()) + "分钟";
  }

  private static Outcome refused(RuntimeException thrown) {
    ChineseErrors.Rejection rejection = ChineseErrors.of(thrown);
    if (rejection.status() >= 500) {
      LOG.error("网上留言未能受理", thrown);
      return new Outcome(503, null, "留言暂时未能提交，请稍后再试，或直接致电社区。", null);
    }
    return new Outcome(rejection.status(), null, rejection.message(), rejection.field());
  }
}
