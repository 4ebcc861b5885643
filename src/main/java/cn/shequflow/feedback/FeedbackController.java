package cn.shequflow.feedback;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The resident's feedback card page (no login: the one-time token is the key; only the case number and category
 * are shown, nothing else is reachable; an address that keeps trying wrong links is refused for a while), and the worker's way to record a rating for a
 * resident who rates at the desk or by phone (R-1.2-4).
 */
@Controller
class FeedbackController {

  /** Wrong links one address may try in a minute (see {@link TokenGuesses}). */
  static final int GUESSES_PER_MINUTE = 20;

  private final FeedbackCards cards;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final TokenGuesses guesses = new TokenGuesses(GUESSES_PER_MINUTE, Clock.systemUTC());

  FeedbackController(FeedbackCards cards, Organisation organisation, BasicAuthentication authentication) {
    this.cards = cards;
    this.organisation = organisation;
    this.authentication = authentication;
  }

  @GetMapping("/feedback/{token}")
  ModelAndView form(@PathVariable String token, HttpServletRequest request) {
    if (guesses.blocked(request.getRemoteAddr())) {
      return tooMany();
    }
    var card = cards.find(token);
    if (card.isEmpty()) {
      guesses.guessed(request.getRemoteAddr());
      return page(HttpStatus.NOT_FOUND, "评价链接无效。");
    }
    if (card.get().usedAt() != null) {
      return page(HttpStatus.GONE, "您已经评价过了，感谢您的意见。");
    }
    if (org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().after(card.get().expiresAt())) {
      return page(HttpStatus.GONE, "评价链接已过期。如需反映意见，请联系社区。");
    }
    Map<String, Object> model = new HashMap<>();
    model.put("caseNumber", card.get().caseNumber());
    model.put("categoryName", card.get().categoryName());
    model.put("commentMax", FeedbackCards.COMMENT_MAX);
    return new ModelAndView("feedback/card", model, HttpStatus.OK);
  }

  @PostMapping("/feedback/{token}")
  ModelAndView submit(@PathVariable String token, @RequestParam(required = false) String rating,
      @RequestParam(required = false) String comment, HttpServletRequest request) {
    if (guesses.blocked(request.getRemoteAddr())) {
      return tooMany();
    }
    FeedbackCards.Result result = cards.rate(token, rating, comment, "resident");
    if (result == FeedbackCards.Result.UNKNOWN) {
      guesses.guessed(request.getRemoteAddr());
    }
    return switch (result) {
      case RECORDED -> page(HttpStatus.OK, "dissatisfied".equals(rating)
          ? "感谢您的评价。您的意见已转为投诉，社区将在1个工作日内与您联系。" : "感谢您的评价！");
      case USED -> page(HttpStatus.GONE, "您已经评价过了，感谢您的意见。");
      case EXPIRED -> page(HttpStatus.GONE, "评价链接已过期。如需反映意见，请联系社区。");
      case INVALID -> page(HttpStatus.BAD_REQUEST, "请选择满意、基本满意或不满意。");
      case TOO_LONG -> page(HttpStatus.BAD_REQUEST,
          "意见过长：最多" + FeedbackCards.COMMENT_MAX + "个字。请精简后重新提交，评价链接仍然有效。");
      case FAILED -> page(HttpStatus.SERVICE_UNAVAILABLE, "评价暂时未能提交，请稍后再试；评价链接仍然有效。");
      case UNKNOWN -> page(HttpStatus.NOT_FOUND, "评价链接无效。");
    };
  }

  record WorkerRating(String rating, String comment) {}

  /** The worker records the resident's rating of a closed case (grid of the case, or a manager). */
  @PostMapping(path = "/api/feedback/cases/{caseNumber}", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> record(@PathVariable String caseNumber, @RequestBody WorkerRating body, HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "需要登录"));
    }
    var card = cards.latestForCase(caseNumber);
    if (card.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", "事项 " + caseNumber + " 尚未办结或没有评价卡"));
    }
    if (!organisation.mayAccessGrid(user, card.get().grid())) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", "只能为本网格的事项记录评价"));
    }
    FeedbackCards.Result result = cards.rate(card.get().token(), body.rating(), body.comment(), "worker:" + user);
    return switch (result) {
      case RECORDED -> ResponseEntity.ok(Map.of("message", "评价已记录", "caseNumber", caseNumber));
      case INVALID -> ResponseEntity.badRequest().body(Map.of("message", "评价应为 satisfied、basicallySatisfied 或 dissatisfied"));
      case TOO_LONG -> ResponseEntity.badRequest()
          .body(Map.of("message", "意见过长：最多" + FeedbackCards.COMMENT_MAX + "个字"));
      case FAILED -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("message", "评价暂时未能记录，请稍后再试"));
      default -> ResponseEntity.status(HttpStatus.GONE).body(Map.of("message", "该事项已评价或评价已过期"));
    };
  }

  private static ModelAndView tooMany() {
    return page(HttpStatus.TOO_MANY_REQUESTS, "尝试的评价链接过多，请一分钟后再试；如有疑问，请联系社区。");
  }

  /** The card's page with one message (templates/layout/message.html). */
  private static ModelAndView page(HttpStatus status, String message) {
    return new ModelAndView("layout/message",
        Map.of("title", "服务意见反馈卡", "heading", "服务意见反馈卡", "width", "narrow", "message", message), status);
  }
}
