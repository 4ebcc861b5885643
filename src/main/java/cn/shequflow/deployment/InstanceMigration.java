package cn.shequflow.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves a process's running cases from its older versions to the latest one with Camunda's migration API: activities
 * map by equal id ({@code mapEqualActivities}), timers keep their due dates, no listener runs. Every check runs first — the plan's own
 * validation, every running case's active steps mapped, then the engine's migration of each case — in one
 * transaction that is rolled back for a dry run and whenever anything is unsafe, so a refused plan migrates nothing.
 */
@Service
public class InstanceMigration {

  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";
  /** How the problems begin that stop the run: the transaction may be unusable after them. */
  private static final String CONCURRENT = "迁移时事项正被同时办理";
  private static final String ENGINE_REFUSED = "引擎拒绝迁移";

  /** The process key names no deployed process. */
  public static final class UnknownProcess extends RuntimeException {
    UnknownProcess(String key) {
      super("没有流程标识为 " + key + " 的已部署流程。");
    }
  }

  /** One older version: its running cases, the steps they wait at (mapped or not) and what went wrong. */
  public record VersionReport(int version, String definitionId, long running, long migrated, boolean safe,
      List<String> mapped, List<String> unmapped, List<String> problems) {}

  /** The whole run: the target version, whether it was a dry run, whether it is safe, and each older version. */
  public record Report(String key, String name, int targetVersion, String targetDefinitionId, boolean dryRun,
      boolean safe, long migrated, String summary, List<VersionReport> versions) {}

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;

  InstanceMigration(RepositoryService repositoryService, RuntimeService runtimeService,
      PlatformTransactionManager transactionManager) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Checks, and unless {@code dryRun} or unsafe, migrates every running case of the key to its latest version. */
  public synchronized Report migrate(String key, boolean dryRun) {
    ProcessDefinition target = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .latestVersion().list().stream().max(Comparator.comparingInt(ProcessDefinition::getVersion))
        .orElseThrow(() -> new UnknownProcess(key));
    List<ProcessDefinition> older = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .list().stream()
        .filter(d -> Objects.equals(d.getTenantId(), target.getTenantId()) && d.getVersion() < target.getVersion())
        .sorted(Comparator.comparingInt(ProcessDefinition::getVersion)).toList();
    return transaction.execute(status -> {
      List<VersionReport> versions = new ArrayList<>();
      for (ProcessDefinition source : older) {
        long running = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).count();
        if (running > 0) {
          VersionReport report = migrateVersion(source, target, running);
          versions.add(report);
          if (report.problems().stream().anyMatch(p -> p.startsWith(CONCURRENT) || p.startsWith(ENGINE_REFUSED))) {
            break; // the transaction may be unusable now (PostgreSQL aborts it after a failed statement)
          }
        }
      }
      boolean safe = versions.stream().allMatch(VersionReport::safe);
      if (dryRun || !safe) {
        status.setRollbackOnly();
      }
      long running = versions.stream().mapToLong(VersionReport::running).sum();
      long migrated = dryRun || !safe ? 0 : running;
      List<VersionReport> shown = dryRun || !safe ? versions.stream().map(v -> new VersionReport(v.version(),
          v.definitionId(), v.running(), 0, v.safe(), v.mapped(), v.unmapped(), v.problems())).toList() : versions;
      return new Report(key, target.getName(), target.getVersion(), target.getId(), dryRun, safe, migrated,
          summary(target.getVersion(), dryRun, safe, running, versions), shown);
    });
  }

  private VersionReport migrateVersion(ProcessDefinition source, ProcessDefinition target, long running) {
    List<String> problems = new ArrayList<>();
    MigrationPlan plan;
    try {
      plan = runtimeService.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities().build();
    } catch (MigrationPlanValidationException e) {
      for (MigrationInstructionValidationReport instruction : e.getValidationReport().getInstructionReports()) {
        problems.add("迁移计划校验未通过（" + instruction(instruction.getMigrationInstruction()) + "）："
            + String.join("；", instruction.getFailures()));
      }
      if (problems.isEmpty()) {
        problems.add("迁移计划校验未通过：" + e.getMessage());
      }
      return new VersionReport(source.getVersion(), source.getId(), running, 0, false, List.of(), List.of(), problems);
    }
    Set<String> mappedIds = plan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
        .collect(Collectors.toSet());
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> caseNumbers = new LinkedHashMap<>();
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId())
        .list()) {
      caseNumbers.put(instance.getId(), instance.getBusinessKey());
      ActivityInstance tree = runtimeService.getActivityInstance(instance.getId());
      if (tree != null) {
        countActive(tree, counts, names);
      }
    }
    List<String> mapped = new ArrayList<>();
    List<String> unmapped = new ArrayList<>();
    counts.forEach((activity, count) -> {
      String line = activity + "（" + Objects.requireNonNullElse(names.get(activity), "") + "）：" + count + " 件";
      if (mappedIds.contains(activity)) {
        mapped.add(line);
      } else {
        unmapped.add(line + "，新版本中没有同一标识的同类活动");
      }
    });
    if (!unmapped.isEmpty()) {
      problems.add("有事项正停在新版本中没有的活动上（见 unmapped），迁移后它们将无处可去，因此拒绝迁移。");
      return new VersionReport(source.getVersion(), source.getId(), running, 0, false, mapped, unmapped, problems);
    }
    try {
      runtimeService.newMigration(plan)
          .processInstanceQuery(runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()))
          // a migration moves cases, it does not act: no listener (mails, case file steps), no input/output mapping
          .skipCustomListeners().skipIoMappings()
          .execute();
    } catch (MigratingProcessInstanceValidationException e) {
      problems.addAll(failures(e.getValidationReport(), caseNumbers));
    } catch (OptimisticLockingException e) {
      problems.add(CONCURRENT + "（如定时器到期），请稍后重试。");
    } catch (ProcessEngineException e) {
      problems.add(ENGINE_REFUSED + "：" + e.getMessage());
    }
    return new VersionReport(source.getVersion(), source.getId(), running, problems.isEmpty() ? running : 0,
        problems.isEmpty(), mapped, unmapped, problems);
  }

  /** The steps a case is at: activity and transition instances below the process, multi-instance bodies left out. */
  private static void countActive(ActivityInstance scope, Map<String, Integer> counts, Map<String, String> names) {
    for (ActivityInstance child : scope.getChildActivityInstances()) {
      if (!child.getActivityId().endsWith(MULTI_INSTANCE_BODY)) {
        counts.merge(child.getActivityId(), 1, Integer::sum);
        names.putIfAbsent(child.getActivityId(), child.getActivityName());
      }
      countActive(child, counts, names);
    }
    for (TransitionInstance transition : scope.getChildTransitionInstances()) {
      counts.merge(transition.getActivityId(), 1, Integer::sum);
      names.putIfAbsent(transition.getActivityId(), transition.getActivityName());
    }
  }

  private static List<String> failures(MigratingProcessInstanceValidationReport report,
      Map<String, String> caseNumbers) {
    List<String> failures = new ArrayList<>();
    String which = "事项 " + Objects.requireNonNullElse(caseNumbers.get(report.getProcessInstanceId()),
        report.getProcessInstanceId()) + " 不能迁移：";
    report.getFailures().forEach(f -> failures.add(which + f));
    for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
      failures.add(which + "活动 " + activity.getSourceScopeId() + "：" + String.join("；", activity.getFailures()));
    }
    for (MigratingTransitionInstanceValidationReport transition : report.getTransitionInstanceReports()) {
      failures.add(which + "活动 " + transition.getSourceScopeId() + "：" + String.join("；", transition.getFailures()));
    }
    if (failures.isEmpty()) {
      failures.add(which + "引擎校验未通过");
    }
    return failures;
  }

  private static String instruction(MigrationInstruction instruction) {
    return instruction == null ? "" : instruction.getSourceActivityId() + " → " + instruction.getTargetActivityId();
  }

  private static String summary(int target, boolean dryRun, boolean safe, long running, List<VersionReport> versions) {
    if (versions.isEmpty()) {
      return "第 " + target + " 版是最新版本，没有运行在旧版本上的事项，无需迁移。";
    }
    long refused = versions.stream().filter(v -> !v.safe()).mapToLong(VersionReport::running).sum();
    if (dryRun) {
      return safe
          ? "试运行（未做任何改动）：共 " + running + " 件运行中的事项可以迁移到第 " + target + " 版；确认后以 dryRun=false 执行迁移。"
          : "试运行（未做任何改动）：迁移计划不安全，" + running + " 件中有 " + refused + " 件所在版本不能迁移；"
              + "执行时将拒绝，不迁移任何事项。请看各版本的 problems。";
    }
    return safe ? "已把 " + running + " 件运行中的事项迁移到第 " + target + " 版。"
        : "迁移计划不安全，已拒绝，未迁移任何事项（" + running + " 件中有 " + refused + " 件所在版本不能迁移）。请看各版本的 problems。";
  }
}
