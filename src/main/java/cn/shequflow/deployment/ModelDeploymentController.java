package cn.shequflow.deployment;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.security.BasicAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-only redeploy without restart, so an analyst's change to a model, form or the holiday table is live in
 * seconds.
 */
@RestController
class ModelDeploymentController {

  private final ModelDeployer deployer;
  private final WorkingDayCalendar workingDays;
  private final BasicAuthentication authentication;

  ModelDeploymentController(ModelDeployer deployer, WorkingDayCalendar workingDays,
      BasicAuthentication authentication) {
    this.deployer = deployer;
    this.workingDays = workingDays;
    this.authentication = authentication;
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
