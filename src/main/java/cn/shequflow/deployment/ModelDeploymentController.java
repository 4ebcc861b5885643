package cn.shequflow.deployment;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-only redeploy without restart, so an analyst's change to a model, form or the holiday table is live in
 * seconds; and the admins' migration of a process's running cases to its latest version, dry run first.
 */
@RestController
class ModelDeploymentController {

  private final ModelDeployer deployer;
  private final WorkingDayCalendar workingDays;
  private final BasicAuthentication authentication;
  private final InstanceMigration migration;
  private final AuditLog audit;

  private static final Logger LOG = LoggerFactory.getLogger(ModelDeploymentController.class);
  private static final Pattern PROCESS_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  ModelDeploymentController(ModelDeployer deployer, WorkingDayCalendar workingDays,
      BasicAuthentication authentication, InstanceMigration migration, AuditLog audit) {
    this.deployer = deployer;
    this.workingDays = workingDays;
    this.authentication = authentication;
    this.migration = migration;
    this.audit = audit;
  }

  /**
   * Migrates the running cases of process {@code key} to its latest version; a dry run (the default) checks and
   * reports only. 200 with the report; 409 with the report when a real run is refused as unsafe.
   */
  @PostMapping(path = "/api/admin/models/migrate", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> migrate(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(required = false) String key, @RequestParam(required = false) String dryRun) {
    return authentication.requireGroup(authorization, Set.of(Organisation.ADMINS), "仅系统管理员可以迁移运行中的事项",
        user -> {
          if (key == null || !PROCESS_KEY.matcher(key).matches()) {
            return ResponseEntity.badRequest().body(Map.of("message",
                "请用参数 key 指定流程标识（字母开头，只含字母、数字、- 和 _，最长 64 个字符），例如 key=reception。"));
          }
          if (dryRun != null && !dryRun.isEmpty() && !"true".equals(dryRun) && !"false".equals(dryRun)) {
            return ResponseEntity.badRequest().body(Map.of("message",
                "参数 dryRun 只能是 true（试运行，默认）或 false（执行迁移）。"));
          }
          boolean trial = !"false".equals(dryRun);
          InstanceMigration.Report report;
          try {
            report = migration.migrate(key, trial);
          } catch (InstanceMigration.UnknownProcess unknown) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", unknown.getMessage()));
          }
          LOG.info("迁移运行中的事项（{}，操作人 {}）：{}", key, user, report.summary());
          audit.record(AuditLog.Event.of(user, AuditLog.MIGRATION, "process-definition", key,
              report.safe() ? AuditLog.SUCCESS : AuditLog.DENIED).operation(trial ? "dryRun" : "migrate")
              .detail(report.summary()));
          return ResponseEntity.status(trial || report.safe() ? HttpStatus.OK : HttpStatus.CONFLICT).body(report);
        });
  }

  @PostMapping(path = "/api/admin/models/redeploy", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> redeploy(@RequestHeader(name = "Authorization", required = false) String authorization) {
    return authentication.requireAdmin(authorization, () -> {
      DeploymentReport report = deployer.deploy();
      String calendar;
      boolean calendarOk = true;
      try {
        workingDays.reload();
        calendar = "节假日表已重新加载";
      } catch (IllegalStateException e) {
        calendarOk = false;
        calendar = "节假日表有误，继续使用原表：" + e.getMessage();
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("source", report.source());
      body.put("deployed", report.deployed());
      body.put("unchanged", report.unchanged());
      body.put("refused", report.refused());
      body.put("calendar", calendar);
      boolean ok = report.ok() && calendarOk;
      return ResponseEntity.status(ok ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(body);
    });
  }
}
