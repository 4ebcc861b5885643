package cn.shequflow.complaint;

import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.casefile.CaseInput;
import cn.shequflow.casefile.CaseFile;
import cn.shequflow.casefile.InvalidCaseInputException;
import cn.shequflow.organisation.Organisation;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers a complaint or suggestion (R-4.3-1): checks the complainant, numbers the case (TS…) and records when it
 * was received. The acknowledgement, rectification and return-call limits steer the case and are decided by the
 * model's business rule tasks after the kind gateway (complaint-time-limits.dmn).
 */
@Component("registerComplaintDelegate")
class RegisterComplaintDelegate implements JavaDelegate {

  static final Set<String> KINDS = Set.of("complaint", "suggestion");
  /** complaint-start.form's channels, and "card" for a 不满意 rating on a feedback card (FeedbackCards). */
  static final Set<String> CHANNELS = Set.of("visit", "phone", "letter", "email", "online", "homeVisit", "card");
  /**
   * What a caller may give when starting a complaint (complaint-start.form; FeedbackCards gives the same), and the
   * engine's initiator variable receivedBy, which is replaced by whoever is logged in.
   */
  static final Set<String> START_VARIABLES = Set.of("kind", "channel", "complainantName", "complainantPhone",
      "complainantEmail", "aboutWorker", "relatedCase", "content", "receivedBy");
  /** The content carries a feedback card's comment (at most 1000) after its prefix; 2000 fits both. */
  static final int CONTENT_MAX = CaseInput.TEXT_MAX;

  private final CaseFile caseFile;
  private final WorkingDayCalendar workingDays;
  private final Organisation organisation;
  private final String communityName;

  RegisterComplaintDelegate(CaseFile caseFile, WorkingDayCalendar workingDays,
      Organisation organisation, @Value("${shequ.community-name}") String communityName) {
    this.caseFile = caseFile;
    this.workingDays = workingDays;
    this.organisation = organisation;
    this.communityName = communityName;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseInput.keepOnlyStartVariables(execution, START_VARIABLES);
    String kind = CaseInput.text(execution.getVariable("kind"));
    if (!KINDS.contains(kind)) {
      throw new InvalidCaseInputException("kind", "请选择投诉或建议");
    }
    String name = CaseInput.residentName(execution.getVariable("complainantName"));
    String phone = CaseInput.residentPhone(execution.getVariable("complainantPhone"));
    String email = CaseInput.residentEmail(execution.getVariable("complainantEmail"));
    String content = CaseInput.text(execution.getVariable("content"), "content", "投诉或建议的内容", CONTENT_MAX);
    if (content.isEmpty()) {
      throw new InvalidCaseInputException("content", "请填写投诉或建议的内容");
    }
    String channel = CaseInput.text(execution.getVariable("channel"));
    if (!channel.isEmpty() && !CHANNELS.contains(channel)) {
      throw new InvalidCaseInputException("channel", "投诉渠道“" + channel + "”无效，请从表单中选择");
    }
    String relatedCase = CaseInput.text(execution.getVariable("relatedCase"), "relatedCase", "相关事项编号", 32);
    String aboutWorker = CaseInput.text(execution.getVariable("aboutWorker"));
    if (!aboutWorker.isEmpty() && !organisation.exists(aboutWorker)) {
      throw new InvalidCaseInputException("aboutWorker", "被投诉的工作人员“" + aboutWorker + "”不存在");
    }
    Date receivedAt = ClockUtil.getCurrentTime();
    caseFile.open(execution, CaseFile.Kind.COMPLAINT, receivedAt);
    // whoever is logged in received it; a card's complaint (FeedbackCards, no user) was received by the system
    String receivedBy = CaseInput.loggedInUser(execution);
    receivedBy = receivedBy == null ? "" : receivedBy;
    execution.setVariable("complainantName", name);
    execution.setVariable("complainantPhone", phone);
    execution.setVariable("complainantEmail", email);
    execution.setVariable("content", content);
    execution.setVariable("channel", channel);
    execution.setVariable("relatedCase", relatedCase);
    execution.setVariable("aboutWorker", aboutWorker);
    execution.setVariable("aboutWorkerName", aboutWorker.isEmpty() ? "（未针对个人）" : organisation.displayName(aboutWorker));
    execution.setVariable("receivedBy", receivedBy.isEmpty() ? "system" : receivedBy);
    // the worker who received it answers for it, as the first responder does for a case (R-4.1-2)
    execution.setVariable("firstResponderName", receivedBy.isEmpty() ? "社区" : organisation.displayName(receivedBy));
    execution.setVariable("receivedAt", receivedAt);
    execution.setVariable("receivedText", workingDays.text(receivedAt));
    execution.setVariable("kindName", "complaint".equals(kind) ? "投诉" : "建议");
    execution.setVariable("categoryName", "complaint".equals(kind) ? "投诉" : "建议");
    execution.setVariable("communityName", communityName);
    // acknowledgeDueAt/Text, rectifyDueAt/Text (complaints only) and returnCallDays come from
    // Task_DecideSuggestionLimit or Task_DecideComplaintLimits (complaint.bpmn)
  }
}
