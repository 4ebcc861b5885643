package cn.shequflow.backup;

import cn.shequflow.audit.AuditLog;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/admin/backup: an administrator backs the embedded H2 database up while the app runs; audit-logged. */
@RestController
class DatabaseBackupController {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBackupController.class);

  private final DatabaseBackup backup;
  private final BasicAuthentication authentication;
  private final AuditLog audit;

  DatabaseBackupController(DatabaseBackup backup, BasicAuthentication authentication, AuditLog audit) {
    this.backup = backup;
    this.authentication = authentication;
    this.audit = audit;
  }

  @PostMapping(path = "/api/admin/backup", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> backup(@RequestHeader(name = "Authorization", required = false) String authorization) {
    return authentication.requireGroup(authorization, Set.of(Organisation.ADMINS), "仅系统管理员可以备份数据库",
        user -> {
          try {
            DatabaseBackup.Result result = backup.backup();
            audit.record(AuditLog.Event.of(user, AuditLog.BACKUP, "backup", result.file(), AuditLog.SUCCESS)
                .detail("大小 " + result.size() + " 字节"));
            LOG.info("数据库已备份：{}（{} 字节），操作人 {}", result.folder().resolve(result.file()), result.size(), user);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("file", result.file());
            body.put("size", result.size());
            body.put("message", "已备份到备份目录中的 " + result.file() + "（" + result.size() + " 字节）");
            return ResponseEntity.ok(body);
          } catch (DatabaseBackup.Refused refused) {
            audit.record(AuditLog.Event.of(user, AuditLog.BACKUP, "backup", null, AuditLog.DENIED)
                .detail(refused.getMessage()));
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("message", refused.getMessage()));
          } catch (RuntimeException failure) {
            audit.record(AuditLog.Event.of(user, AuditLog.BACKUP, "backup", null, AuditLog.FAILURE)
                .detail(failure.getMessage()));
            LOG.error("数据库备份失败", failure);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Map.of("message", "数据库备份失败，请查看应用日志（磁盘空间、备份目录权限）。"));
          }
        });
  }
}
