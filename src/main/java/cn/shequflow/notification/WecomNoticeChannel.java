package cn.shequflow.notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A grid's WeCom group robot: a notice whose template is one of shequ.notices.wecom.templates, about a grid with a
 * configured robot, is written to wecom_outbox in the caller's transaction (so it exists exactly when the step that
 * caused it committed) and sent by {@link WecomOutbox} afterwards. Same text as the mail, unsigned, without the
 * sensitive variables; Chinese, plain text, cut to the robot's 2048 bytes.
 */
@Component("wecomNoticeChannel")
@Order(10)
class WecomNoticeChannel implements NoticeChannel {

  /** WeCom's limit for a text message's content, in UTF-8 bytes. */
  static final int MAX_BYTES = 2048;

  private final WecomRobots robots;
  private final MailService mailService;
  private final JdbcTemplate jdbc;

  WecomNoticeChannel(WecomRobots robots, MailService mailService, JdbcTemplate jdbc) {
    this.robots = robots;
    this.mailService = mailService;
    this.jdbc = jdbc;
  }

  @Override
  public boolean deliver(InternalNotice notice) {
    Optional<URI> robot = robots.of(notice.grid());
    if (robot.isEmpty() || !robots.properties().templates().contains(notice.template())) {
      return false;
    }
    String key = "wecom:" + notice.eventKey();
    Integer queued = jdbc.queryForObject("select count(*) from wecom_outbox where event_key = ?", Integer.class, key);
    if (queued != null && queued > 0) {
      return false; // a retried step: the notice is already in the outbox
    }
    MailTemplates.Mail text = mailService.renderUnsigned(notice.template(), notice.variables());
    Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
    jdbc.update("insert into wecom_outbox (event_key, grid, robot, content, created_at, next_attempt_at) "
        + "values (?, ?, ?, ?, ?, ?)", key, notice.grid(), WecomRobots.fingerprint(robot.get()),
        cut(text.subject() + "\n" + text.body()), now, now);
    return true;
  }

  static String cut(String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_BYTES) {
      return content;
    }
    StringBuilder out = new StringBuilder();
    int used = "…".getBytes(StandardCharsets.UTF_8).length;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > MAX_BYTES) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return out.append('…').toString();
  }
}
