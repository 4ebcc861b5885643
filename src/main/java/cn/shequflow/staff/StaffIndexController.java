package cn.shequflow.staff;

import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * /staff: one card per page the logged-in user may open (事项台账, 住户导入, 本月走访计划, 任务移交, 覆盖率, 工作日历,
 * the admins' pages, Tasklist); rendered by templates/staff/index.html. The Welcome app's links point here.
 */
@Controller
class StaffIndexController {

  private final StaffPages pages;

  StaffIndexController(StaffPages pages) {
    this.pages = pages;
  }

  /** A card of the index. */
  record Card(String title, String href, String text) {}

  @GetMapping({"/staff", "/staff/"})
  ModelAndView index(HttpServletRequest request) {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, true, "工作人员首页", "");
    if (refusal != null) {
      return refusal;
    }
    List<Card> cards = new ArrayList<>();
    cards.add(new Card("任务列表", "/camunda/app/tasklist/", "受理、办理和查找事项：本网格待办、我的待办、走访。"));
    if (pages.maySeeRegister(user)) {
      cards.add(new Card("事项台账", "/staff/cases", pages.mayHandOver(user)
          ? "全社区居民事项的台账：按编号、姓名或电话查找，查看办理中和已办结的事项及其经过。"
          : "按编号、居民姓名或电话查找本网格的事项，办理中的和已办结的都在，点开查看办理经过。"));
      cards.add(new Card("服务指标", "/staff/dashboard",
          "本月的响应率、办结率、按时办结率、满意率、回访率和差评整改率，逾期和即将到期的事项，各网格对比。"));
    }
    if (pages.mayImport(user)) {
      cards.add(new Card("住户导入", "/staff/households/import",
          "上传社区的户籍表（Excel .xlsx 或 CSV），查看导入进度、导入的户数和每一行的错误。"));
    }
    if (pages.maySeeVisitPlan(user)) {
      cards.add(new Card("本月走访计划", "/staff/visits", pages.mayHandOver(user)
          ? "生成本月的走访计划，查看各网格要走访的住户、网格员和完成情况。"
          : "查看本网格本月要走访的住户、由谁办理和完成情况。"));
    }
    if (pages.mayHandOver(user)) {
      cards.add(new Card("任务移交", "/staff/handover", "工作人员请假或外出时，把他名下的全部待办移交给同事。"));
      cards.add(new Card("走访覆盖率", "/coverage", "各网格本年走访、特殊家庭本月走访或联系的比例。"));
    }
    cards.add(new Card("工作日历", "/staff/calendar", "查看全年的放假和调休上班日期；尚未公布安排的年份按法定节假日暂定。"));
    if (pages.isAdmin(user)) {
      cards.add(new Card("审计日志", "/admin/audit", "登录、档案查阅、打印、模型部署和权限变更的记录。"));
      cards.add(new Card("登录锁定", "/admin/lockouts", "因密码输错被暂时锁定的账户和被限制的来源地址。"));
    }
    Map<String, Object> model = pages.model(request, user, "/staff");
    model.put("cards", cards);
    return new ModelAndView("staff/index", model, HttpStatus.OK);
  }
}
