package cn.shequflow.deadline;

import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases/{caseNumber}/extension} with JSON {@code {"workingDays": N, "reason": "…"}}: a worker of the
 * case's grid asks for N more working days (延期); 202 when the request waits for a manager's decision, else a 4xx
 * with a Chinese message ({@link ExtensionRequests}). {@code GET} the same address tells the task form whether to
 * offer 申请延期.
 */
@RestController
class ExtensionController {

  private final ExtensionRequests requests;
  private final BasicAuthentication authentication;

  ExtensionController(ExtensionRequests requests, BasicAuthentication authentication) {
    this.requests = requests;
    this.authentication = authentication;
  }

  /** {@code GET …/extension}: {@code {"allowed", "maxWorkingDays", "pending"}} for the task form's 申请延期. */
  @GetMapping(path = "/api/cases/{caseNumber}/extension", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> info(@PathVariable String caseNumber, HttpServletRequest request) {
    return authentication.withUser(request, user -> {
      ExtensionRequests.Info info = requests.info(user, caseNumber);
      return ResponseEntity.status(info.status()).body(Map.of("message", info.message(), "allowed", info.allowed(),
          "maxWorkingDays", info.maxWorkingDays(), "pending", info.pending()));
    });
  }

  @PostMapping(path = "/api/cases/{caseNumber}/extension", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> request(@PathVariable String caseNumber, @RequestBody(required = false) Map<String, Object> body,
      HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "需要登录"));
    }
    Map<String, Object> given = body == null ? Map.of() : body;
    ExtensionRequests.Answer answer = requests.request(user, caseNumber, given.get("workingDays"),
        given.get("reason"));
    return ResponseEntity.status(answer.status()).body(Map.of("message", answer.message(), "caseNumber", caseNumber));
  }
}
