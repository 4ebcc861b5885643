package cn.shequflow.notification;

import cn.shequflow.casefile.CaseVariables;
import cn.shequflow.organisation.Organisation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A mail step in a model. Input parameters: mailTemplate (file in mail-templates/), mailTo (comma-separated user
 * ids, "group:ID" or addresses) and mailSigner (the worker who signs, R-1.1-2). Modelled asyncBefore with a retry
 * cycle, so an SMTP outage retries and then shows as an incident; the event key (execution + activity) makes a
 * retry never send twice. Goes through {@link InternalNotices}: mail always, and the case grid's WeCom robot when
 * one is configured and the template is an internal notice.
 */
@Component("sendMailDelegate")
class SendMailDelegate implements JavaDelegate {

  private final InternalNotices notices;
  private final IdentityService identityService;
  private final Organisation organisation;

  private final String communityName;

  SendMailDelegate(InternalNotices notices, IdentityService identityService, Organisation organisation,
      @Value("${shequ.community-name}") String communityName) {
    this.notices = notices;
    this.identityService = identityService;
    this.organisation = organisation;
    this.communityName = communityName;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = (String) execution.getVariable("mailTemplate");
    Set<String> recipients = recipients((String) execution.getVariable("mailTo"));
    Map<String, Object> variables = new HashMap<>(execution.getVariables());
    variables.putAll(organisation.signer((String) execution.getVariable("mailSigner")));
    // the signature names the community; a case need not carry the configured name as a variable of its own
    variables.putIfAbsent("communityName", communityName);
    String eventKey = execution.getId() + ":" + execution.getCurrentActivityId();
    Object grid = execution.getVariable(CaseVariables.GRID);
    notices.send(new InternalNotice(eventKey, grid == null ? null : grid.toString(), recipients, template, variables));
  }

  Set<String> recipients(String mailTo) {
    Set<String> addresses = new LinkedHashSet<>();
    if (mailTo == null) {
      return addresses;
    }
    for (String entry : mailTo.split(",")) {
      String recipient = entry.trim();
      if (recipient.isEmpty()) {
        continue;
      }
      if (recipient.contains("@")) {
        addresses.add(recipient);
      } else if (recipient.startsWith("group:")) {
        identityService.createUserQuery().memberOfGroup(recipient.substring(6)).list().stream()
            .map(User::getEmail).filter(e -> e != null && !e.isBlank()).forEach(addresses::add);
      } else {
        User user = identityService.createUserQuery().userId(recipient).singleResult();
        if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
          addresses.add(user.getEmail());
        }
      }
    }
    return addresses;
  }
}
