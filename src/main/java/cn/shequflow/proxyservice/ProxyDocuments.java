package cn.shequflow.proxyservice;

import cn.shequflow.casefile.CaseFile;
import java.util.HashMap;
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
  private final CaseFile caseFile;

  ProxyDocuments(HistoryService historyService, CaseFile caseFile) {
    this.historyService = historyService;
    this.caseFile = caseFile;
  }

  /** The template of a document, if there is such a document. */
  Optional<String> template(String document) {
    return Optional.ofNullable(TEMPLATES.get(document));
  }

  /** The proxy case of a number (see {@link CaseFile#find}). */
  Optional<HistoricProcessInstance> caseOf(String caseNumber) {
    return caseFile.find("proxy-service", caseNumber);
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
