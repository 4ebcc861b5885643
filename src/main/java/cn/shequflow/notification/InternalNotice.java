package cn.shequflow.notification;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One notice to the community's workers (new intake, due soon, overdue, handover): the event key that makes it go
 * out once, the grid it concerns (null when none), the mail recipients, the template in mail-templates/ and the
 * case variables it may use (the sensitive ones are removed by every channel, R-1.2-7).
 */
public record InternalNotice(String eventKey, String grid, Collection<String> recipients, String template,
    Map<String, Object> variables) {

  public InternalNotice {
    recipients = List.copyOf(recipients);
    // a copy that keeps null values: a template may name a variable that is empty
    variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
  }
}
