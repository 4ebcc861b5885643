package cn.shequflow.proxyservice;

import cn.shequflow.casefile.CaseNumbers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;

/**
 * The proxy case's paper documents in Chinese, signed by the worker (R-1.1-2), with "本服务免费" (R-3.1.3-7) and
 * signature lines, styled for A4 printing: which documents there are (templates under templates/proxyservice/) and
 * the case variables they may show.
 */
@Component
class ProxyDocuments {

  /** The documents by their name in the print URL: the entrustment letter (R-3.1.3-4), the handover (R-3.1.3-6). */
  private static final Map<String, String> TEMPLATES =
      Map.of("entrustment", "proxyservice/entrustment", "handover", "proxyservice/handover");
  private static final Set<String> PRINTABLE_TYPES =
      Set.of("string", "integer", "long", "short", "double", "boolean", "date");

  private final HistoryService historyService;
  private final CaseNumbers caseNumbers;

  ProxyDocuments(HistoryService historyService, CaseNumbers caseNumbers) {
    this.historyService = historyService;
    this.caseNumbers = caseNumbers;
  }

  /** The template of a document, if there is such a document. */
  Optional<String> template(String document) {
    return Optional.ofNullable(TEMPLATES.get(document));
  }

  /**
   * The proxy case of a number. Business keys are not unique in the engine (older versions took one from the caller),
   * so of several the one the number was given to wins — itself, or the reception case that called it — else the
   * earliest (issue 10 item 8: a duplicate key made another case's print pages fail).
   */
  Optional<HistoricProcessInstance> caseOf(String caseNumber) {
    List<HistoricProcessInstance> found = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("proxy-service").processInstanceBusinessKey(caseNumber)
        .orderByProcessInstanceStartTime().asc().list();
    if (found.size() <= 1) {
      return found.stream().findFirst();
    }
    return Optional.of(caseNumbers.owner(caseNumber)
        .flatMap(owner -> found.stream()
            .filter(i -> owner.equals(i.getId()) || owner.equals(i.getRootProcessInstanceId())).findFirst())
        .orElse(found.get(0)));
  }

  /** The case's variables of plain types (text, numbers, dates), the only ones a document may show. */
  Map<String, Object> printableVariables(HistoricProcessInstance instance) {
    Map<String, Object> variables = new HashMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).disableCustomObjectDeserialization().list()) {
      if (PRINTABLE_TYPES.contains(variable.getTypeName())) {
        variables.put(variable.getName(), variable.getValue());
      }
    }
    return variables;
  }
}
