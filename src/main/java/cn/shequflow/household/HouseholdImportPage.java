package cn.shequflow.household;

import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The staff page of the household import (住户导入, /staff/households/import): managers and administrators — the
 * rule of POST /api/households/import — upload a sheet; a file that cannot be read is refused at once (400), a
 * readable one is checked and written in the background (the same jobs as the REST endpoint) while its page shows
 * the progress and then the result: households written, or every row error with its row number (422).
 */
@Controller
class HouseholdImportPage {

  static final String PATH = "/staff/households/import";
  private static final String TITLE = "住户导入";
  private static final String FORBIDDEN = "只有社区书记/主任或系统管理员可以导入户籍台账。";
  private static final Logger AUDIT = LoggerFactory.getLogger("cn.shequflow.audit");
  private static final int RECENT = 10;

  private final HouseholdImporter importer;
  private final ImportJobs jobs;
  private final StaffPages pages;

  HouseholdImportPage(HouseholdImporter importer, ImportJobs jobs, StaffPages pages) {
    this.importer = importer;
    this.jobs = jobs;
    this.pages = pages;
  }

  /** A job as the pages show it: names and Beijing times, the state in words, progress in percent. */
  record JobView(String id, String fileName, String startedBy, String startedAt, String state, boolean finished,
      boolean ok, String phase, int processed, int total, int percent, ImportReport report) {}

  @GetMapping(PATH)
  ModelAndView form(HttpServletRequest request) {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, pages.mayImport(user), TITLE, FORBIDDEN);
    if (refusal != null) {
      return refusal;
    }
    return formPage(request, user, HttpStatus.OK, null, null);
  }

  @PostMapping(PATH)
  ModelAndView upload(HttpServletRequest request, @RequestParam(name = "file", required = false) MultipartFile file) {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, pages.mayImport(user), TITLE, FORBIDDEN);
    if (refusal != null) {
      return refusal;
    }
    if (!pages.tokenMatches(request)) {
      return pages.badToken(request, TITLE);
    }
    if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
      return formPage(request, user, HttpStatus.BAD_REQUEST, "请先选择要导入的户籍表文件（.xlsx 或 .csv）。", List.of());
    }
    byte[] content;
    try {
      content = file.getBytes();
    } catch (IOException e) {
      return formPage(request, user, HttpStatus.BAD_REQUEST, "上传的文件无法读取，请重新上传。", List.of());
    }
    String fileName = file.getOriginalFilename();
    AUDIT.info("户籍导入：用户 {} 在住户导入页面上传 {}（{} 字节）", user, fileName, content.length);
    HouseholdImporter.Parsed parsed = importer.parse(fileName, content);
    if (parsed.refusal() != null) {
      return formPage(request, user, HttpStatus.BAD_REQUEST, "文件“" + parsed.name() + "”未导入：",
          parsed.refusal().errors());
    }
    ImportJobs.Job job = jobs.start(parsed.name(), user, progress -> importer.importParsed(parsed, progress));
    RedirectView next = new RedirectView(PATH + "/" + job.id, true);
    next.setStatusCode(HttpStatus.SEE_OTHER);
    return new ModelAndView(next);
  }

  @GetMapping(PATH + "/{jobId}")
  ModelAndView job(HttpServletRequest request, @PathVariable String jobId) {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, pages.mayImport(user), TITLE, FORBIDDEN);
    if (refusal != null) {
      return refusal;
    }
    ImportJobs.Job job = jobs.get(jobId);
    if (job == null) {
      return pages.refusal(request, HttpStatus.NOT_FOUND, TITLE,
          "没有这次导入的记录：只保留最近 " + ImportJobs.KEPT + " 次导入，程序重启后也不再保留。请重新导入。");
    }
    JobView view = view(job);
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("job", view);
    if (!view.finished()) {
      // the page reloads itself until the import has finished: no script needed
      model.put("refresh", "2");
    }
    HttpStatus status = view.finished() && !view.ok() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.OK;
    return new ModelAndView("household/import-job", model, status);
  }

  private ModelAndView formPage(HttpServletRequest request, String user, HttpStatus status, String error,
      List<String> details) {
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("error", error);
    model.put("details", details == null ? List.of() : details);
    model.put("recent", jobs.recent().stream().limit(RECENT).map(this::view).toList());
    model.put("keptJobs", ImportJobs.KEPT);
    return new ModelAndView("household/import", model, status);
  }

  private JobView view(ImportJobs.Job job) {
    ImportProgress progress = job.progress;
    ImportReport report = job.result.getNow(null);
    boolean finished = report != null;
    int processed = progress == null ? 0 : progress.processed();
    int total = progress == null ? 0 : progress.total();
    String state = finished ? (report.ok() ? "已完成" : "未导入") : progress == null ? "排队中" : "正在导入";
    String phase = finished ? "完成" : progress == null ? "排队" : progress.phase();
    int percent = finished ? 100 : total == 0 ? 0 : (int) Math.min(99, processed * 100L / total);
    return new JobView(job.id, job.fileName, pages.name(job.startedBy), StaffPages.time(job.startedAt), state,
        finished, finished && report.ok(), phase, processed, total, percent, report);
  }
}
