package cn.shequflow.handover;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/tasks/handover for managers: {"fromUser":"zhangwei","toUser":"lina","reason":"病假"}. */
@RestController
class TaskHandoverController {

  record HandoverRequest(String fromUser, String toUser, String reason) {}

  private final TaskHandover handover;
  private final BasicAuthentication authentication;

  TaskHandoverController(TaskHandover handover, BasicAuthentication authentication) {
    this.handover = handover;
    this.authentication = authentication;
  }

  @PostMapping(path = "/api/tasks/handover", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> handOver(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody HandoverRequest request) {
    return authentication.requireGroup(authorization, Set.of(Organisation.MANAGERS, Organisation.ADMINS),
        "只有社区书记/主任可以交接工作人员的任务", manager -> {
          try {
            var tasks = handover.handOver(request.fromUser(), request.toUser(), request.reason(), manager);
            return ResponseEntity.ok(Map.of("handedOver", tasks.size(), "taskIds", tasks));
          } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
          }
        });
  }
}
