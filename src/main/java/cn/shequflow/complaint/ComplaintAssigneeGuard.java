package cn.shequflow.complaint;

import cn.shequflow.casefile.InvalidCaseInputException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** A complaint about a worker is never worked by that worker (R-4.3-1): claiming or assigning it to them is refused. */
@Component("complaintAssigneeGuard")
class ComplaintAssigneeGuard implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    Object aboutWorker = task.getVariable("aboutWorker");
    if (task.getAssignee() != null && task.getAssignee().equals(aboutWorker)) {
      // an expected refusal: the REST layers answer it with 400 and this message (issue 10 item 10)
      throw new InvalidCaseInputException("assignee", "针对您本人的投诉不能由您办理，请交给其他书记/主任（R-4.3-1）");
    }
  }
}
