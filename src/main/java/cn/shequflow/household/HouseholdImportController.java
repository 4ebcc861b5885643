package cn.shequflow.household;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * POST /api/households/import (multipart field file) for managers and admins: runs the import in the background
 * and answers 202 with a status URL, or with ?wait=true answers the report itself (200, or 422 when rows are bad).
 */
@RestController
class HouseholdImportController {

  private static final Logger AUDIT = LoggerFactory.getLogger("cn.shequflow.audit");
  private static final String JSON = "application/json;charset=UTF-8";
  private static final Set<String> ALLOWED = Set.of(Organisation.MANAGERS, Organisation.ADMINS);
  private static final String FORBIDDEN = "只有社区书记/主任或系统管理员可以导入户籍台账";
  /** Finished jobs beyond this many are forgotten, oldest first. */
  static final int KEPT_JOBS = ImportJobs.KEPT;

  private final HouseholdImporter importer;
  private final BasicAuthentication authentication;
  private final ImportJobs jobs;

  HouseholdImportController(HouseholdImporter importer, BasicAuthentication authentication, ImportJobs jobs) {
    this.importer = importer;
    this.authentication = authentication;
    this.jobs = jobs;
  }

  /**
   * HTTP Basic only, not the webapp session: a session cookie would let another site's form post an import in a
   * logged-in manager's name.
   */
  @PostMapping(path = "/api/households/import", produces = JSON)
  ResponseEntity<?> upload(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "wait", defaultValue = "false") boolean wait) {
    return authentication.requireGroup(authorization, ALLOWED, FORBIDDEN, user -> {
      if (file == null) {
        return ResponseEntity.badRequest().body(Map.of("message", "请用表单字段 file 上传户籍表（.xlsx 或 .csv）"));
      }
      byte[] content;
      try {
        content = file.getBytes();
      } catch (IOException e) {
        return ResponseEntity.badRequest().body(Map.of("message", "上传的文件无法读取，请重新上传"));
      }
      String fileName = file.getOriginalFilename();
      AUDIT.info("户籍导入：用户 {} 上传 {}（{} 字节）", user, fileName, content.length);
      if (wait) {
        ImportReport report = importer.importFile(fileName, content, progress -> {});
        return ResponseEntity.status(report.ok() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(report);
      }
      ImportJobs.Job job = jobs.start(fileName, user, progress -> importer.importFile(fileName, content, progress));
      String statusUrl = "/api/households/import/" + job.id;
      return ResponseEntity.accepted().location(URI.create(statusUrl))
          .body(Map.of("jobId", job.id, "statusUrl", statusUrl));
    });
  }

  @GetMapping(path = "/api/households/import/{jobId}", produces = JSON)
  ResponseEntity<?> status(@RequestHeader(name = "Authorization", required = false) String authorization,
      @PathVariable String jobId) {
    return authentication.requireGroup(authorization, ALLOWED, FORBIDDEN, user -> {
      ImportJobs.Job job = jobs.get(jobId);
      if (job == null) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(Map.of("message", "没有编号为 " + jobId + " 的导入任务（只保留最近 " + KEPT_JOBS + " 个）"));
      }
      ImportProgress progress = job.progress;
      ImportReport report = job.result.getNow(null);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("jobId", job.id);
      body.put("fileName", job.fileName);
      body.put("startedBy", job.startedBy);
      body.put("startedAt", job.startedAt.toString());
      body.put("state", report != null ? "finished" : progress == null ? "queued" : "running");
      body.put("processed", progress == null ? 0 : progress.processed());
      body.put("total", progress == null ? 0 : progress.total());
      body.put("phase", progress == null ? "排队" : progress.phase());
      if (report != null) {
        body.put("ok", report.ok());
        body.put("report", report);
      }
      return ResponseEntity.ok(body);
    });
  }

  /** The result of a background job, for callers in this package that wait for one (the tests). */
  CompletableFuture<ImportReport> result(String jobId) {
    ImportJobs.Job job = jobs.get(jobId);
    return job == null ? CompletableFuture.failedFuture(new IllegalArgumentException(jobId)) : job.result;
  }

  /**
   * Spring rejects an oversized upload before any controller runs; this gives the refusal a Chinese message — as JSON
   * for the REST endpoint, as the staff page's refusal for an upload from /staff/households/import.
   */
  @RestControllerAdvice
  static class UploadTooLarge {

    private static final String MESSAGE = "文件太大，超过了允许上传的大小；请拆成几个文件分批导入，"
        + "或请系统管理员调高 spring.servlet.multipart.max-file-size";

    private final StaffPages pages;
    private final ITemplateEngine templates;

    UploadTooLarge(StaffPages pages, ITemplateEngine templates) {
      this.pages = pages;
      this.templates = templates;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
      if (request.getRequestURI().startsWith(HouseholdImportPage.PATH)) {
        var refusal = pages.refusal(request, HttpStatus.PAYLOAD_TOO_LARGE, "住户导入",
            "文件太大，超过了允许上传的大小；请拆成几个文件分批导入。");
        String html = templates.process(refusal.getViewName(), new Context(Locale.SIMPLIFIED_CHINESE,
            refusal.getModel()));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
      }
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Map.of("message", MESSAGE));
    }
  }
}
