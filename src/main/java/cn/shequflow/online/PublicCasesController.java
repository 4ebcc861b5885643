package cn.shequflow.online;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API of DESIGN.md's contract (no login): {@code POST /api/public/messages} leaves an online message,
 * {@code GET /api/public/cases/{caseNumber}?phoneTail=NNNN} looks a case up. JSON only (a cross-site form cannot
 * send it without the browser asking first); every refusal in Chinese.
 */
@RestController
class PublicCasesController {

  /** The one answer for a wrong number, a wrong tail and a missing case. */
  static final String NOT_FOUND = "没有找到该事项：请核对事项编号和联系电话后四位";

  private final OnlineDesk desk;
  private final CaseProgress progress;

  PublicCasesController(OnlineDesk desk, CaseProgress progress) {
    this.desk = desk;
    this.progress = progress;
  }

  @PostMapping(path = "/api/public/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = "application/json;charset=UTF-8")
  ResponseEntity<Map<String, Object>> leave(@RequestBody OnlineDesk.Message message, HttpServletRequest request) {
    OnlineDesk.Outcome outcome = desk.leave(message, request.getRemoteAddr());
    if (outcome.accepted()) {
      return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caseNumber", outcome.caseNumber()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", outcome.message());
    if (outcome.field() != null) {
      body.put("field", outcome.field());
    }
    return ResponseEntity.status(outcome.status()).body(body);
  }

  @GetMapping(path = "/api/public/cases/{caseNumber}", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> lookUp(@PathVariable String caseNumber, @RequestParam(required = false) String phoneTail,
      HttpServletRequest request) {
    CaseProgress.Answer answer = progress.lookUp(caseNumber, phoneTail, request.getRemoteAddr());
    if (answer.tooMany()) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(progress.window().toSeconds()))
          .body(Map.of("message", tooMany(progress)));
    }
    if (answer.progress() == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", NOT_FOUND));
    }
    return ResponseEntity.ok(answer.progress());
  }

  static String tooMany(CaseProgress progress) {
    return "查询过于频繁，请" + OnlineDesk.minutes(progress.window()) + "后再试；也可致电社区查询。";
  }
}
