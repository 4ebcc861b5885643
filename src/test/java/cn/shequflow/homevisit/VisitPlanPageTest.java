package cn.shequflow.homevisit;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff page of the month's visit plan (issue 13 item 9, /staff/visits) over real HTTP: the manager runs the
 * plan and sees every grid with its workers, counts and each household's visit, step, holder and state; a worker
 * sees their own grid only and may not run it; times in Beijing time, people by name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VisitPlanPageTest {

  private static final String PAGE = "/staff/visits";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  private long lastHouseholdBefore;
  private Set<String> plansBefore;

  @BeforeEach
  void init() {
    setClock(shanghai(2026, 10, 9, 9, 0));
    lastHouseholdBefore = jdbc.queryForObject("select coalesce(max(id), 0) from household", Long.class);
    plansBefore = new HashSet<>(jdbc.queryForList("select household_id || '/' || period from visit_plan", String.class));
  }

  /** The visits this test planned (for every household in the registry) and its households go again. */
  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    List<Map<String, Object>> ours = jdbc.queryForList("select household_id, period, process_instance_id from visit_plan")
        .stream().filter(p -> !plansBefore.contains(p.get("household_id") + "/" + p.get("period"))).toList();
    List<String> instances = ours.stream().map(p -> (String) p.get("process_instance_id"))
        .filter(id -> id != null && runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0)
        .toList();
    if (!instances.isEmpty()) {
      runtimeService.deleteProcessInstances(instances, "测试结束", true, true);
    }
    for (Map<String, Object> plan : ours) {
      jdbc.update("delete from visit_plan where household_id = ? and period = ?", plan.get("household_id"),
          plan.get("period"));
    }
    jdbc.update("delete from visit_record where household_id > ?", lastHouseholdBefore);
    jdbc.update("delete from household where id > ?", lastHouseholdBefore);
  }

  @Test
  @DisplayName("issue 13 本月走访计划：书记生成计划，看到各网格的网格员和户数、每户的走访编号、期限、步骤、办理人；认领、走访、逾期都显示出来")
  void managerRunsThePlan_andSeesEveryGridHouseholdWorkerAndState() throws Exception {
    long special = household("VP1-001", "grid-1", "本溪市平山区崔东街道东兴路1号楼101室", "livingAlone");
    long ordinary = household("VP1-002", "grid-1", "本溪市平山区崔东街道东兴路1号楼102室", "");
    household("VP2-001", "grid-2", "本溪市平山区崔东街道胜利路2号楼201室", "disabled");
    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");

    RawHttp.Response before = liuyang.get(PAGE + "?month=2026-10");
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.body()).contains("生成2026年10月的走访计划", "name=\"_csrf\"");
    assertThat(StaffSession.visibleText(before.body())).doesNotContain("ZF-VP1-001");

    RawHttp.Response noToken = liuyang.post(PAGE + "/plan", Map.of("month", "2026-10"));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.body()).contains("安全校验未通过");
    assertThat(plannedOf(special)).isZero();

    RawHttp.Response ran = liuyang.post(PAGE + "/plan", liuyang.withToken(PAGE, Map.of("month", "2026-10")));
    assertThat(ran.status()).isEqualTo(200);
    String text = StaffSession.visibleText(ran.body());
    assertThat(text).contains("已生成 2026-10 的走访计划", "新建每月走访（特殊家庭）", "第一网格 张伟", "第二网格 李娜", "合计")
        .doesNotContain("zhangwei", "grid-1").doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}");
    assertThat(latinOutsideData(ran.body())).isEmpty();
    assertThat(plannedOf(special)).isEqualTo(1);
    // other test classes' households are in the registry too: look at each grid's own list
    String gridOne = StaffSession.visibleText(liuyang.get(PAGE + "?month=2026-10&grid=grid-1").body());
    assertThat(gridOne).contains("ZF-VP1-001-2026-10", "ZF-VP1-002-2026", "独居老人", "2026-10-30 17:00",
        "2026-12-31 17:00", "待认领（张伟）", "预约走访").doesNotContain("ZF-VP2-001-2026-10", "zhangwei");
    String gridTwo = StaffSession.visibleText(liuyang.get(PAGE + "?month=2026-10&grid=grid-2&kind=monthly").body());
    assertThat(gridTwo).contains("ZF-VP2-001-2026-10", "残疾人", "待认领（李娜）").doesNotContain("VP1-001");

    // a second run creates nothing twice
    RawHttp.Response again = liuyang.post(PAGE + "/plan", liuyang.withToken(PAGE, Map.of("month", "2026-10")));
    assertThat(StaffSession.visibleText(again.body())).contains("新建每月走访（特殊家庭）0 件、年度走访 0 件");
    assertThat(plannedOf(special)).isEqualTo(1);

    Task visit = taskService.createTaskQuery().processInstanceBusinessKey("ZF-VP1-001-2026-10").singleResult();
    taskService.claim(visit.getId(), "zhangwei");
    jdbc.update("insert into visit_record (household_id, grid, period, visit_kind, outcome, worker, visited_at) "
        + "values (?, 'grid-1', '2026', 'annual', 'visited', 'zhangwei', ?)", ordinary,
        Timestamp.from(shanghai(2026, 10, 9, 10, 30).toInstant()));
    // a month later the special household's visit is late
    setClock(shanghai(2026, 11, 2, 9, 0));
    String later = StaffSession.visibleText(liuyang.get(PAGE + "?month=2026-10&grid=grid-1").body());
    assertThat(later).contains("ZF-VP1-001-2026-10", "已走访（2026-10-09 10:30）", "已逾期")
        .doesNotContain("ZF-VP2-001-2026-10", "待认领（李娜）");
    assertThat(row(later, "ZF-VP1-001-2026-10")).contains("预约走访 张伟 已逾期");
    assertThat(row(later, "ZF-VP1-002-2026")).contains("张伟 已走访");

    assertThat(liuyang.get(PAGE + "?month=2026-10&kind=annual").body()).contains("ZF-VP1-002-2026")
        .doesNotContain("ZF-VP1-001-2026-10");
  }

  @Test
  @DisplayName("issue 13 本月走访计划：网格员只看到本网格，查看其他网格 403，不能生成计划；匿名 401，管理员和街道 403，参数错误 400")
  void workerSeesOnlyTheirGrid_andMayNotRunThePlan() throws Exception {
    household("VP3-001", "grid-1", "本溪市平山区崔东街道东兴路3号楼301室", "oldOld");
    household("VP3-002", "grid-2", "本溪市平山区崔东街道胜利路3号楼302室", "oldOld");
    StaffSession liuyang = StaffSession.basic(port, "liuyang");
    assertThat(liuyang.post(PAGE + "/plan", liuyang.withToken(PAGE, Map.of())).status()).isEqualTo(200);

    StaffSession zhangwei = StaffSession.tasklist(port, "zhangwei");
    RawHttp.Response own = zhangwei.get(PAGE);
    assertThat(own.status()).isEqualTo(200);
    String text = StaffSession.visibleText(own.body());
    assertThat(text).contains("2026年10月走访计划（第一网格）", "ZF-VP3-001-2026-10", "东兴路3号楼301室")
        .doesNotContain("VP3-002", "胜利路3号楼302室", "第二网格", "李娜", "生成2026年10月的走访计划");
    assertThat(own.body()).doesNotContain("action=\"/staff/visits/plan\"");

    RawHttp.Response otherGrid = zhangwei.get(PAGE + "?grid=grid-2");
    assertThat(otherGrid.status()).isEqualTo(403);
    assertThat(StaffSession.visibleText(otherGrid.body())).contains("只能查看本网格（第一网格）的走访计划")
        .doesNotContain("VP3-002", "胜利路");
    RawHttp.Response run = zhangwei.post(PAGE + "/plan", Map.of("month", "2026-10", "_csrf", "anything"));
    assertThat(run.status()).isEqualTo(403);
    assertThat(run.body()).contains("只有社区书记/主任可以生成走访计划");

    assertThat(StaffSession.tasklist(port, "lina").get(PAGE).body()).contains("VP3-002").doesNotContain("VP3-001");

    RawHttp.Response anonymous = StaffSession.anonymous(port).get(PAGE);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).contains("请先登录").doesNotContain("VP3-001");
    assertThat(StaffSession.anonymous(port).post(PAGE + "/plan", Map.of("month", "2026-10")).status())
        .isEqualTo(401);
    for (String outsider : new String[] {"demo", "chenjing", "zhaolei"}) {
      RawHttp.Response refused = StaffSession.basic(port, outsider).get(PAGE);
      assertThat(refused.status()).as(outsider).isEqualTo(403);
      assertThat(refused.body()).as(outsider).contains("只有网格员（本网格）和社区书记/主任可以查看").doesNotContain("VP3-001");
    }

    RawHttp.Response badMonth = liuyang.get(PAGE + "?month=2026-13");
    assertThat(badMonth.status()).isEqualTo(400);
    assertThat(badMonth.body()).contains("月份“2026-13”格式不正确");
    assertThat(liuyang.get(PAGE + "?page=0").status()).isEqualTo(400);
    assertThat(liuyang.get(PAGE + "?kind=weekly").status()).isEqualTo(400);
    RawHttp.Response noGrid = liuyang.get(PAGE + "?grid=grid-99");
    assertThat(noGrid.status()).isEqualTo(400);
    assertThat(noGrid.body()).contains("没有这个网格");
  }

  /** The page's Latin words, leaving out codes and what the registry holds (other test classes' addresses). */
  private List<String> latinOutsideData(String html) {
    String text = StaffSession.visibleText(html);
    for (String address : jdbc.queryForList("select address from household", String.class)) {
      text = text.replace(address, " ");
    }
    return StaffSession.words(text.replaceAll("[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+", " "));
  }

  /** The visible text of the table row that starts with the visit number. */
  private static String row(String text, String visitNumber) {
    int start = text.indexOf(visitNumber + " ");
    assertThat(start).as(visitNumber).isNotNegative();
    int end = text.indexOf(" ZF-", start + visitNumber.length());
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private int plannedOf(long householdId) {
    return jdbc.queryForObject("select count(*) from visit_plan where household_id = ? and period = '2026-10'",
        Integer.class, householdId);
  }

  private long household(String number, String grid, String address, String specialTypes) {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", number, grid, address, "测试户主", "13941400099",
        specialTypes, "test", new Timestamp(System.currentTimeMillis()));
    return jdbc.queryForObject("select id from household where household_no = ?", Long.class, number);
  }
}
