package cn.shequflow.handover;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import cn.shequflow.organisation.Organisation;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff page of the task handover (issue 13 item 9, /staff/handover) over real HTTP: a manager logged in to
 * Tasklist picks a worker, sees their open tasks, hands them all to a colleague and sees which cases moved; targets
 * outside the grid workers and managers are refused in Chinese; workers, administrators and anonymous callers may
 * not hand over; a form without the session's token changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskHandoverPageTest {

  private static final String PAGE = "/staff/handover";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;

  @Test
  @DisplayName("issue 13 任务移交页面：书记选张伟，看到他的待办，移交给王芳；页面列出移交的件数和事项编号，任务改由王芳办理")
  void managerHandsAWorkersTasksToAColleague_andSeesWhichCasesMoved() throws Exception {
    ProcessInstance first = startAsZhangwei("移交页面-1");
    ProcessInstance second = startAsZhangwei("移交页面-2");
    long held = taskService.createTaskQuery().taskAssignee("zhangwei").active().count();
    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");

    RawHttp.Response preview = liuyang.get(PAGE + "?from=zhangwei");
    assertThat(preview.status()).isEqualTo(200);
    String previewText = StaffSession.visibleText(preview.body());
    assertThat(previewText).contains("张伟名下的待办（" + held + " 项）", first.getBusinessKey(), second.getBusinessKey(),
        "王芳（第三网格，", "刘洋（社区书记/主任，").doesNotContain("zhangwei", "wangfang")
        .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}");
    assertThat(StaffSession.englishWordsOutsideCodes(preview.body())).isEmpty();

    RawHttp.Response moved = liuyang.post(PAGE, liuyang.withToken(PAGE,
        Map.of("from", "zhangwei", "to", "wangfang", "reason", "病假")));
    assertThat(moved.status()).isEqualTo(200);
    String text = StaffSession.visibleText(moved.body());
    assertThat(text).contains("已把张伟名下的 " + held + " 项待办移交给王芳（原因：病假）", first.getBusinessKey(),
        second.getBusinessKey(), "首问责任人不变").doesNotContain("zhangwei", "wangfang");
    assertThat(StaffSession.englishWordsOutsideCodes(moved.body())).isEmpty();
    for (ProcessInstance pi : List.of(first, second)) {
      Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
      assertThat(task.getAssignee()).isEqualTo("wangfang");
      assertThat(runtimeService.getVariable(pi.getId(), "firstResponder")).isEqualTo("zhangwei");
    }
    assertThat(taskService.createTaskQuery().taskAssignee("zhangwei").count()).isZero();

    RawHttp.Response nothingLeft = liuyang.post(PAGE, liuyang.withToken(PAGE,
        Map.of("from", "zhangwei", "to", "wangfang")));
    assertThat(nothingLeft.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(nothingLeft.body())).contains("张伟名下没有待办任务");
  }

  @Test
  @DisplayName("issue 13 任务移交页面：接手人是街道、分析员、管理员、不存在的人或本人时 400（中文原因），任务不动")
  void targetsOutsideTheRules_areRefusedInChinese_andNothingMoves() throws Exception {
    ProcessInstance pi = startAsZhangwei("移交页面-规则");
    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    Map<String, String> refusals = Map.of(
        "chenjing", "接手的工作人员须是网格员或社区书记/主任：陈静（街道办事处社区事务科科员）不办理社区的事项",
        "zhaolei", "接手的工作人员须是网格员或社区书记/主任：赵磊（流程分析员）",
        "demo", "演示管理员（系统管理员）不办理社区的事项",
        "nobody", "接手的工作人员“nobody”不存在",
        "zhangwei", "交出和接手的不能是同一人");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      RawHttp.Response refused = liuyang.post(PAGE, liuyang.withToken(PAGE,
          Map.of("from", "zhangwei", "to", refusal.getKey(), "reason", "外出")));
      assertThat(refused.status()).as(refusal.getKey()).isEqualTo(400);
      assertThat(StaffSession.visibleText(refused.body())).as(refusal.getKey()).contains(refusal.getValue());
    }
    RawHttp.Response fromStreetOffice = liuyang.post(PAGE, liuyang.withToken(PAGE,
        Map.of("from", "chenjing", "to", "wangfang")));
    assertThat(fromStreetOffice.status()).isEqualTo(400);
    assertThat(fromStreetOffice.body()).contains("交出任务的工作人员须是网格员或社区书记/主任");
    RawHttp.Response noTarget = liuyang.post(PAGE, liuyang.withToken(PAGE, Map.of("from", "zhangwei")));
    assertThat(noTarget.status()).isEqualTo(400);
    assertThat(noTarget.body()).contains("请选择接手的工作人员");
    RawHttp.Response longReason = liuyang.post(PAGE, liuyang.withToken(PAGE,
        Map.of("from", "zhangwei", "to", "wangfang", "reason", "假".repeat(201))));
    assertThat(longReason.status()).isEqualTo(400);
    assertThat(longReason.body()).contains("移交原因不能超过 200 字");
    assertThat(liuyang.get(PAGE + "?from=chenjing").status()).isEqualTo(400);

    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getAssignee())
        .isEqualTo("zhangwei");
  }

  @Test
  @DisplayName("issue 13 任务移交页面：网格员 403（不能移交自己或别人的任务），管理员 403，匿名 401；没有本会话令牌的表单 403，任务不动")
  void onlyManagersHandOver_andEveryFormCarriesTheSessionToken() throws Exception {
    ProcessInstance pi = startAsZhangwei("移交页面-权限");
    Map<String, String> form = Map.of("from", "zhangwei", "to", "lina", "reason", "想让别人做");

    StaffSession zhangwei = StaffSession.tasklist(port, "zhangwei");
    RawHttp.Response workerPage = zhangwei.get(PAGE);
    assertThat(workerPage.status()).isEqualTo(403);
    assertThat(workerPage.body()).contains("只有社区书记/主任可以移交工作人员的任务");
    Map<String, String> withAnything = new java.util.HashMap<>(form);
    withAnything.put("_csrf", "anything");
    assertThat(zhangwei.post(PAGE, withAnything).status()).isEqualTo(403);
    assertThat(StaffSession.basic(port, "lina").post(PAGE, withAnything).status()).isEqualTo(403);
    assertThat(StaffSession.basic(port, "demo").get(PAGE).status()).isEqualTo(403);

    RawHttp.Response anonymous = StaffSession.anonymous(port).post(PAGE, withAnything);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).contains("请先登录");
    assertThat(StaffSession.anonymous(port).get(PAGE).status()).isEqualTo(401);

    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    liuyang.get(PAGE);
    RawHttp.Response noToken = liuyang.post(PAGE, form);
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.body()).contains("安全校验未通过");
    // a token of another session does not count
    String othersToken = StaffSession.tasklist(port, "liuyang").token(PAGE);
    Map<String, String> forged = new java.util.HashMap<>(form);
    forged.put("_csrf", othersToken);
    assertThat(liuyang.post(PAGE, forged).status()).isEqualTo(403);

    assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getAssignee())
        .isEqualTo("zhangwei");
  }

  private ProcessInstance startAsZhangwei(String summary) {
    return organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        Map.of("channel", "visit", "residentName", "周建国", "residentPhone", "13941400002",
            "category", "general-inquiry", "summary", summary, "priorityGroup", "none")));
  }
}
