package cn.shequflow.mailintake;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.casefile.CaseHistory;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The attachments of an e-mail case for the people who work on it: {@code GET /api/cases/{n}/mail-attachments} lists
 * what was kept and what was refused (with the reason), {@code …/mail-attachments/{id}} downloads one — always as a
 * download, never shown in the page, so no file a resident sent can run in a worker's browser. The case's grid and
 * the managers may read them (every grid while the case waits in 新留言与邮件); another grid gets 403, and each read is
 * audited.
 */
@RestController
class MailAttachmentsController {

  /** One attachment as listed: {@code refused} is the reason it was not kept (then it has no content). */
  record Listed(long id, String fileName, String contentType, long sizeBytes, String refused) {}

  private final JdbcTemplate jdbc;
  private final CaseHistory cases;
  private final Organisation organisation;
  private final BasicAuthentication authentication;
  private final AuditLog audit;

  MailAttachmentsController(JdbcTemplate jdbc, CaseHistory cases, Organisation organisation,
      BasicAuthentication authentication, AuditLog audit) {
    this.jdbc = jdbc;
    this.cases = cases;
    this.organisation = organisation;
    this.authentication = authentication;
    this.audit = audit;
  }

  @GetMapping(path = "/api/cases/{caseNumber}/mail-attachments", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> list(@PathVariable String caseNumber, HttpServletRequest request) {
    return authentication.withUser(request, user -> guarded(user, caseNumber, () -> ResponseEntity.ok(
        jdbc.query("select id, file_name, content_type, size_bytes, refused from mail_intake_attachment "
            + "where case_number = ? order by id", (rs, i) -> new Listed(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getLong(4), rs.getString(5)), caseNumber))));
  }

  @GetMapping(path = "/api/cases/{caseNumber}/mail-attachments/{id}")
  ResponseEntity<?> download(@PathVariable String caseNumber, @PathVariable long id, HttpServletRequest request) {
    return authentication.withUser(request, user -> guarded(user, caseNumber, () -> {
      List<Map<String, Object>> rows = jdbc.queryForList("select file_name, content from mail_intake_attachment "
          + "where id = ? and case_number = ? and content is not null", id, caseNumber);
      if (rows.isEmpty()) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
            .body(Map.of("message", "没有这个附件（未保存的附件没有内容）"));
      }
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
              .filename((String) rows.get(0).get("file_name"), StandardCharsets.UTF_8).build().toString())
          .header("X-Content-Type-Options", "nosniff")
          .body((byte[]) rows.get(0).get("content"));
    }));
  }

  private ResponseEntity<?> guarded(String user, String caseNumber,
      java.util.function.Supplier<ResponseEntity<?>> action) {
    Optional<HistoricProcessInstance> root = cases.root(caseNumber);
    if (root.isEmpty()) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("message", "没有这个事项"));
    }
    String grid = cases.gridOf(root.get());
    boolean queued = Organisation.INTAKE.equals(grid) && organisation.gridOf(user).isPresent();
    if (!queued && !organisation.mayAccessGrid(user, grid)) {
      audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "mail-attachments", caseNumber, AuditLog.DENIED));
      return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("message", "您无权查看该事项的附件（只有本网格工作人员和社区书记/主任可以查看）"));
    }
    audit.record(AuditLog.Event.of(user, AuditLog.CASE_VIEW, "mail-attachments", caseNumber, AuditLog.SUCCESS));
    return action.get();
  }
}
