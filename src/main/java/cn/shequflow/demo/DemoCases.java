package cn.shequflow.demo;

import cn.shequflow.organisation.Organisation;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A few open reception cases so a newcomer's Tasklist is not empty; started once, on an empty database. */
@Component
@Profile("!prod & !test")
// --shequ.demo.data=false: demo users without demo data (a quicker start, e.g. the durability test's own JVM)
@ConditionalOnProperty(name = "shequ.demo.data", havingValue = "true", matchIfMissing = true)
class DemoCases {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCases.class);

  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final Organisation organisation;

  DemoCases(RuntimeService runtimeService, HistoryService historyService, Organisation organisation) {
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.organisation = organisation;
  }

  @EventListener
  public void start(ApplicationReadyEvent event) {
    if (historyService.createHistoricProcessInstanceQuery().processDefinitionKey("reception").count() > 0) {
      return;
    }
    start("zhangwei", "letter", "孙桂兰", "13941400001", "", "senior-allowance", "elderly",
        "来信询问80周岁以上老人高龄津贴如何申请，本人行动不便。");
    start("zhangwei", "phone", "周建国", "0414-2812345", "", "property-coordination", "none",
        "来电反映楼道照明损坏两周，物业未修。");
    start("lina", "email", "吴晓燕", "13841400002", "wuxiaoyan@resident.example", "general-inquiry", "none",
        "邮件咨询社区活动室开放时间。");
    start("lina", "visit", "郑秀英", "13504140003", "", "neighbour-dispute", "elderly",
        "楼上邻居装修噪音扰民，希望社区调解。");
    start("wangfang", "online", "冯磊", "15604140004", "", "employment-registration", "disabled",
        "网上留言：残疾人就业登记需要哪些材料。");
    LOG.info("已创建演示事项 5 件（张伟 2 件、李娜 2 件、王芳 1 件）");
  }

  private void start(String worker, String channel, String name, String phone, String email, String category,
      String priorityGroup, String summary) {
    organisation.runAs(worker, () -> runtimeService.startProcessInstanceByKey("reception", Map.of(
        "channel", channel, "residentName", name, "residentPhone", phone, "residentEmail", email,
        "category", category, "priorityGroup", priorityGroup, "summary", summary)));
  }
}
