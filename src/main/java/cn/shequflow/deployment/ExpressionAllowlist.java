package cn.shequflow.deployment;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explicit list of what a model's expressions may name besides plain variables (issue 10 item 2): the delegate
 * and listener beans models reference by delegateExpression, the service beans and methods they may call, and the
 * few read-only properties of the engine's own objects. A new delegate or calendar method is added here, in code
 * review, never by a model.
 */
record ExpressionAllowlist(Set<String> delegates, Map<String, Set<String>> methods,
    Map<String, Set<String>> properties) {

  /** What the app's models use today; ExpressionAllowlistTest keeps it equal to that and to the beans that exist. */
  static final ExpressionAllowlist APP = new ExpressionAllowlist(
      Set.of(
          "appointmentCheckedListener", "visitAppointmentCheckedListener", "applyExtensionDelegate", "archiveCaseDelegate",
          "archiveEscalationDelegate", "caseHolderListener",
          "complaintAssigneeGuard", "submissionCheckedListener",
          "deadlineMarkerDelegate", "deadlinePauseListener", "dutyArchiveDelegate", "dutyEventDelegate", "entrustmentSignedListener",
          "extensionDecisionListener",
          "handleMatterCompletedListener", "handoverSignedListener", "intakeClaimListener", "materialsCheckedListener",
          "prepareEscalationDelegate", "proxyItemKnownListener", "proxyPromiseListener", "registerCaseDelegate", "registerComplaintDelegate",
          "registerProxyDelegate", "savePrivateDelegate", "sendMailDelegate", "startCaseFromVisitDelegate",
          "visitRecordDelegate"),
      // read-only calendar arithmetic; reload() and the rest of the bean are not reachable from a model; and the
      // outputs of a business rule task's own decision, read in its output mapping (DecisionOutput)
      Map.of("workingDays", Set.of("fromNow", "fromNowNotBefore", "deadline", "reminderBefore", "coverageWarning",
          "text"),
          "workingDayCycle", Set.of("after", "cycle", "limitedCycle"),
          "decision", Set.of("output")),
      // getters of the engine objects that return ids and keys, nothing that leads back to the engine's services
      Map.of(
          "execution", Set.of("processBusinessKey", "businessKey", "processInstanceId", "currentActivityId"),
          "task", Set.of("id", "assignee", "taskDefinitionKey", "processInstanceId")));

  /** The objects the engine itself puts into every expression's scope, whatever the variables are called. */
  static final Set<String> ENGINE_OBJECTS =
      Set.of("execution", "task", "caseExecution", "externalTask", "variableContext");

  boolean isDelegate(String name) {
    return delegates.contains(name);
  }

  boolean isService(String name) {
    return methods.containsKey(name);
  }

  boolean allowsMethod(String bean, String method) {
    return methods.getOrDefault(bean, Set.of()).contains(method);
  }

  boolean allowsProperty(String object, String property) {
    return properties.getOrDefault(object, Set.of()).contains(property);
  }

  /** Every bean name a model may resolve: the only beans the engine's expression resolver exposes at all. */
  Set<String> beanNames() {
    Set<String> names = new TreeSet<>(delegates);
    names.addAll(methods.keySet());
    return names;
  }

  /** "workingDays.fromNow、workingDays.deadline …", for the refusal message. */
  String describeMethods() {
    Set<String> calls = new TreeSet<>();
    methods.forEach((bean, names) -> names.forEach(method -> calls.add(bean + "." + method)));
    return String.join("、", calls);
  }
}
