package cn.shequflow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what {@link WecomNoticeChannel} queued, after the commit of the step that caused it, from a scheduled drain
 * (every 10 s): oldest first, at most shequ.notices.wecom.per-minute (20) per robot URL in any rolling minute —
 * counted from the table, so a restart keeps the count and the queue. What is over the limit waits for a later
 * drain; a refusal (errcode ≠ 0, 45009 included), a timeout or a 5xx is retried with a doubling backoff (30 s … 30
 * min), logged in Chinese with the key masked; nothing is ever dropped. Sent rows are kept 7 days.
 */
@Component("wecomOutbox")
class WecomOutbox {

  private static final Logger LOG = LoggerFactory.getLogger(WecomOutbox.class);
  private static final long MINUTE = 60_000L;
  private static final long FIRST_BACKOFF = 30_000L;
  private static final long LONGEST_BACKOFF = 30 * MINUTE;
  private static final long KEEP_SENT = 7 * 24 * 60 * MINUTE;
  /** How long a node holds a row it is sending before another may take it (the HTTP timeout is far shorter). */
  static final long LEASE = 2 * MINUTE;

  private final JdbcTemplate jdbc;
  private final WecomRobots robots;
  private final ObjectMapper json;
  private final HttpClient http;

  WecomOutbox(JdbcTemplate jdbc, WecomRobots robots, ObjectMapper json) {
    this.jdbc = jdbc;
    this.robots = robots;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(robots.properties().timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Sends what is due and within each robot's limit; returns how many went out. */
  @Scheduled(fixedDelayString = "${shequ.notices.wecom.drain-interval:PT10S}",
      initialDelayString = "${shequ.notices.wecom.drain-interval:PT10S}")
  synchronized int drain() {
    long now = ClockUtil.getCurrentTime().getTime();
    jdbc.update("delete from wecom_outbox where sent_at < ?", new Timestamp(now - KEEP_SENT));
    List<Map<String, Object>> due = jdbc.queryForList("select id, grid, robot, content, attempts from wecom_outbox "
        + "where sent_at is null and next_attempt_at <= ? order by id", new Timestamp(now));
    Map<String, Integer> room = new HashMap<>();
    int sent = 0;
    for (Map<String, Object> row : due) {
      String robot = (String) row.get("robot");
      int left = room.computeIfAbsent(robot, r -> robots.properties().perMinute() - sentWithinMinute(r, now));
      if (left <= 0) {
        continue; // over the limit: stays queued for a later drain
      }
      long id = ((Number) row.get("id")).longValue();
      if (!claim(id, now)) {
        continue; // another node took it between the select and now
      }
      String grid = (String) row.get("grid");
      Optional<URI> url = robots.of(grid);
      if (url.isEmpty()) {
        retryLater(id, ((Number) row.get("attempts")).intValue(), now, "网格 " + grid + " 已不再配置企业微信群机器人");
        continue;
      }
      Optional<String> failure = post(url.get(), (String) row.get("content"));
      if (failure.isEmpty()) {
        jdbc.update("update wecom_outbox set sent_at = ?, last_error = null where id = ?", new Timestamp(now), id);
        room.put(robot, left - 1);
        sent++;
      } else {
        retryLater(id, ((Number) row.get("attempts")).intValue(), now, failure.get());
        LOG.warn("企业微信群机器人消息发送失败（网格 {}，{}）：{}；稍后重试", grid, WecomRobots.masked(url.get()),
            failure.get());
      }
    }
    return sent;
  }

  /**
   * Takes a due row for this drain: pushes its next attempt one lease ahead, if it is still unsent and due. With two
   * nodes on one database only one of them gets each row; a node that dies while sending leaves the row to be taken
   * again when the lease has run out (at least once, never lost).
   */
  boolean claim(long id, long now) {
    return jdbc.update("update wecom_outbox set next_attempt_at = ? where id = ? and sent_at is null "
        + "and next_attempt_at <= ?", new Timestamp(now + LEASE), id, new Timestamp(now)) == 1;
  }

  private int sentWithinMinute(String robot, long now) {
    Integer count = jdbc.queryForObject("select count(*) from wecom_outbox where robot = ? and sent_at > ?",
        Integer.class, robot, new Timestamp(now - MINUTE));
    return count == null ? 0 : count;
  }

  private void retryLater(long id, int attempts, long now, String reason) {
    long backoff = Math.min(LONGEST_BACKOFF, FIRST_BACKOFF << Math.min(attempts, 10));
    jdbc.update("update wecom_outbox set attempts = ?, next_attempt_at = ?, last_error = ? where id = ?",
        attempts + 1, new Timestamp(now + backoff), reason.length() > 300 ? reason.substring(0, 300) : reason, id);
  }

  /** Empty when WeCom answered errcode 0, else the reason in Chinese (never the key). */
  private Optional<String> post(URI url, String content) {
    try {
      String body = json.writeValueAsString(Map.of("msgtype", "text", "text", Map.of("content", content)));
      HttpRequest request = HttpRequest.newBuilder(url).timeout(robots.properties().timeout())
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        return Optional.of("HTTP 状态 " + response.statusCode());
      }
      JsonNode answer = json.readTree(response.body());
      int errcode = answer.path("errcode").asInt(-1);
      if (errcode == 0) {
        return Optional.empty();
      }
      String why = errcode == 45009 ? "超过机器人每分钟 20 条的限制" : "企业微信拒绝";
      return Optional.of(why + "（errcode " + errcode + "：" + answer.path("errmsg").asText("") + "）");
    } catch (java.net.http.HttpTimeoutException e) {
      return Optional.of("连接企业微信超时");
    } catch (java.io.IOException e) {
      return Optional.of("无法连接企业微信：" + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("发送被中断");
    }
  }
}
