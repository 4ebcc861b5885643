package cn.shequflow.feedback;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.notification.MailService;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Service feedback cards (服务意见反馈卡, R-1.2-4): every closed reception, proxy and complaint case gets a card
 * with a one-time, expiring token; the resident rates through the link (mailed when they left an address) or the
 * worker records the rating for them; a 不满意 rating starts a complaint about the first responder (R-4.3-1).
 */
@Service
public class FeedbackCards {

  public static final Set<String> RATINGS = Set.of("satisfied", "basicallySatisfied", "dissatisfied");
  static final Map<String, String> RATING_NAMES =
      Map.of("satisfied", "满意", "basicallySatisfied", "基本满意", "dissatisfied", "不满意");
  private static final Logger LOG = LoggerFactory.getLogger(FeedbackCards.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcTemplate jdbc;
  private final RuntimeService runtimeService;
  private final MailService mailService;
  private final WorkingDayCalendar workingDays;
  private final Duration validity;
  private final String baseUrl;
  private final String communityName;
  private final TransactionTemplate transaction;
  private final ApplicationEventPublisher events;

  FeedbackCards(JdbcTemplate jdbc, RuntimeService runtimeService, MailService mailService,
      WorkingDayCalendar workingDays, @Value("${shequ.feedback.validity:P14D}") Duration validity,
      @Value("${shequ.public-base-url}") String baseUrl,
      @Value("${shequ.community-name}") String communityName, PlatformTransactionManager transactions,
      ApplicationEventPublisher events) {
    this.transaction = new TransactionTemplate(transactions);
    this.events = events;
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.mailService = mailService;
    this.workingDays = workingDays;
    this.validity = validity;
    // the address residents reach the app at (issue 10 item 11), without a trailing slash
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.communityName = communityName;
  }

  /** A card found by its token, with what the resident may see: case number and category only. */
  public record Card(String token, String caseNumber, String categoryName, String firstResponder, String grid,
      Date expiresAt, Date usedAt, String rating) {}

  /** Issues the card of a case that just closed; the mail with the link goes out from {@link #mailPending()}. */
  public String issue(DelegateExecution execution) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    Date now = ClockUtil.getCurrentTime();
    String key = execution.getProcessDefinitionId().split(":")[0];
    jdbc.update("""
        insert into feedback_card (token, case_number, process_key, process_instance_id, category_name, grid,
          first_responder, resident_name, resident_phone, resident_email, created_at, expires_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        token, execution.getProcessBusinessKey(), key, execution.getProcessInstanceId(),
        execution.getVariable("categoryName"), execution.getVariable("grid"), firstResponderOf(execution),
        text(execution, "residentName", "complainantName"), text(execution, "residentPhone", "complainantPhone"),
        text(execution, "residentEmail", "complainantEmail"), new Timestamp(now.getTime()),
        new Timestamp(now.getTime() + validity.toMillis()));
    execution.setVariable("feedbackLink", link(token));
    return token;
  }

  public String link(String token) {
    return baseUrl + "/feedback/" + token;
  }

  public Optional<Card> find(String token) {
    List<Card> cards = jdbc.query("select token, case_number, category_name, first_responder, grid, expires_at, "
        + "used_at, rating from feedback_card where token = ?", (rs, i) -> new Card(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6), rs.getTimestamp(7), rs.getString(8)),
        token);
    return cards.stream().findFirst();
  }

  public Optional<Card> latestForCase(String caseNumber) {
    List<String> tokens = jdbc.queryForList("select token from feedback_card where case_number = ? "
        + "order by created_at desc", String.class, caseNumber);
    return tokens.isEmpty() ? Optional.empty() : find(tokens.get(0));
  }

  /**
   * The outcome of giving a rating: TOO_LONG for a comment over {@link #COMMENT_MAX}, FAILED when recording it failed
   * (nothing was recorded and the link still works).
   */
  public enum Result { RECORDED, UNKNOWN, USED, EXPIRED, INVALID, TOO_LONG, FAILED }

  /** Longest comment: the form's maxlength; it is kept in rating_comment and quoted in a complaint's content. */
  public static final int COMMENT_MAX = 1000;

  /**
   * Records a rating once; 不满意 starts a complaint about the first responder. Everything is checked before anything
   * is written, and the link is used up in the same transaction that files the complaint (issue 10 item 8): a
   * failure leaves neither a complaint nor a used link, and a second submission finds the link used.
   */
  public synchronized Result rate(String token, String rating, String comment, String givenBy) {
    Optional<Card> card = find(token);
    if (card.isEmpty()) {
      return Result.UNKNOWN;
    }
    if (card.get().usedAt() != null) {
      return Result.USED;
    }
    Date now = ClockUtil.getCurrentTime();
    if (now.after(card.get().expiresAt())) {
      return Result.EXPIRED;
    }
    if (!RATINGS.contains(rating)) {
      return Result.INVALID;
    }
    if (comment != null && comment.length() > COMMENT_MAX) {
      return Result.TOO_LONG;
    }
    try {
      boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
        // claims the link first: of two submissions at once, only one gets here with a row updated
        if (jdbc.update("update feedback_card set used_at = ?, rating = ?, rating_comment = ?, given_by = ? "
            + "where token = ? and used_at is null", new Timestamp(now.getTime()), rating, comment, givenBy,
            token) == 0) {
          return false;
        }
        String complaint = null;
        if ("dissatisfied".equals(rating)) {
          complaint = startComplaint(token, comment);
          jdbc.update("update feedback_card set complaint_case_number = ? where token = ?", complaint, token);
        }
        events.publishEvent(new CaseRated(card.get().caseNumber(), rating, now, complaint));
        return true;
      }));
      if (!recorded) {
        return Result.USED;
      }
    } catch (RuntimeException e) {
      LOG.warn("服务评价未能记录（事项 {}），评价链接仍可使用：{}", card.get().caseNumber(), e.getMessage());
      return Result.FAILED;
    }
    LOG.info("服务评价：事项 {} 评为 {}（{}）", card.get().caseNumber(), RATING_NAMES.get(rating), givenBy);
    return Result.RECORDED;
  }

  private String startComplaint(String token, String comment) {
    Map<String, Object> card = jdbc.queryForMap("select * from feedback_card where token = ?", token);
    Map<String, Object> input = new HashMap<>();
    input.put("kind", "complaint");
    input.put("channel", "card");
    input.put("complainantName", card.get("RESIDENT_NAME"));
    input.put("complainantPhone", card.get("RESIDENT_PHONE"));
    input.put("complainantEmail", card.get("RESIDENT_EMAIL") == null ? "" : card.get("RESIDENT_EMAIL"));
    input.put("aboutWorker", card.get("FIRST_RESPONDER"));
    input.put("relatedCase", card.get("CASE_NUMBER"));
    input.put("content", "服务意见反馈卡评价为“不满意”（事项 " + card.get("CASE_NUMBER") + "）："
        + (comment == null || comment.isBlank() ? "未填写意见" : comment));
    ProcessInstance complaint = runtimeService.startProcessInstanceByKey("complaint", input);
    return complaint.getBusinessKey();
  }

  /** Mails the link of cards whose resident left an address; retried each minute until the mail server takes it. */
  @Scheduled(fixedDelayString = "${shequ.feedback.mail-interval:PT1M}", initialDelayString = "${shequ.feedback.mail-interval:PT1M}")
  public void mailPending() {
    List<Map<String, Object>> pending = jdbc.queryForList("select * from feedback_card where mailed_at is null "
        + "and used_at is null and resident_email is not null and resident_email <> ''");
    for (Map<String, Object> card : pending) {
      String token = (String) card.get("TOKEN");
      try {
        Map<String, Object> variables = new HashMap<>();
        variables.put("residentName", card.get("RESIDENT_NAME"));
        variables.put("caseNumber", card.get("CASE_NUMBER"));
        variables.put("categoryName", card.get("CATEGORY_NAME"));
        variables.put("communityName", communityName);
        variables.put("feedbackLink", link(token));
        variables.put("expiresText", workingDays.text((Date) card.get("EXPIRES_AT")));
        variables.put("signerName", "");
        variables.put("signerPost", "");
        mailService.send("feedback-card:" + token, List.of((String) card.get("RESIDENT_EMAIL")), "feedback-card",
            variables);
        jdbc.update("update feedback_card set mailed_at = ? where token = ?",
            new Timestamp(ClockUtil.getCurrentTime().getTime()), token);
      } catch (RuntimeException e) {
        LOG.warn("评价链接邮件暂未发出，稍后重试（事项 {}）：{}", card.get("CASE_NUMBER"), e.getMessage());
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String firstResponderOf(DelegateExecution execution) {
    Object firstResponder = execution.getVariable("firstResponder");
    return firstResponder != null ? firstResponder.toString() : (String) execution.getVariable("receivedBy");
  }

  private static String text(DelegateExecution execution, String name, String alternative) {
    Object value = execution.getVariable(name);
    if (value == null) {
      value = execution.getVariable(alternative);
    }
    return value == null ? null : value.toString();
  }
}
