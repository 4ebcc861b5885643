package cn.shequflow.deployment;

import cn.shequflow.security.BasicAuthentication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only redeploy without restart, so an analyst's change is live in seconds. */
@RestController
class ModelDeploymentController {

  private final ModelDeployer deployer;
  private final BasicAuthentication authentication;

  ModelDeploymentController(ModelDeployer deployer, BasicAuthentication authentication) {
    this.deployer = deployer;
    this.authentication = authentication;
  }

  @PostMapping(path = "/api/admin/models/redeploy", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> redeploy(@RequestHeader(name = "Authorization", required = false) String authorization) {
    return authentication.requireAdmin(authorization, () -> {
      DeploymentReport report = deployer.deploy();
      return ResponseEntity.status(report.ok() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(report);
    });
  }
}
