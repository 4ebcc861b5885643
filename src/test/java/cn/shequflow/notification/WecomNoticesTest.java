package cn.shequflow.notification;

import static cn.shequflow.EngineTestSupport.fireDueTimers;
import static cn.shequflow.EngineTestSupport.runAsyncSteps;
import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.EngineTestSupport;
import cn.shequflow.handover.TaskHandover;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.reception.ReceptionInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 16 item 4: internal notices on a grid's WeCom group robot, with a local HTTP server standing in for WeCom
 * (qyapi.weixin.qq.com/cgi-bin/webhook/send): grid-1 and grid-3 have a robot, grid-2 has none.
 */
@SpringBootTest
@ActiveProfiles("test")
// closed after the class: a second engine left registered would show Tasklist's engine selector in later tests
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WecomNoticesTest {

  private static final String KEY_1 = "grid1-secret-key-0001";
  private static final HttpServer WECOM;
  /** The requests WeCom received: path with query, and the JSON body. */
  private static final List<String[]> RECEIVED = Collections.synchronizedList(new ArrayList<>());
  /** Planned answers (status, body); empty: 200 errcode 0. */
  private static final Deque<Object[]> ANSWERS = new ArrayDeque<>();

  static {
    try {
      WECOM = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WECOM.createContext("/cgi-bin/webhook/send", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      RECEIVED.add(new String[] {exchange.getRequestURI().toString(), body});
      Object[] answer;
      synchronized (ANSWERS) {
        answer = ANSWERS.isEmpty() ? new Object[] {200, "{\"errcode\":0,\"errmsg\":\"ok\"}"} : ANSWERS.poll();
      }
      byte[] bytes = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders((Integer) answer[0], bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    WECOM.start();
  }

  @DynamicPropertySource
  static void robots(DynamicPropertyRegistry registry) {
    String base = "http://127.0.0.1:" + WECOM.getAddress().getPort() + "/cgi-bin/webhook/send?key=";
    registry.add("shequ.notices.wecom.grids.grid-1", () -> base + KEY_1);
    registry.add("shequ.notices.wecom.grids.grid-3", () -> base + "grid3-secret-key-0003");
    // a context of its own: off the cached test context's mail ports and engine name (as PostgresRegistryTest)
    EngineTestSupport.ownContext(registry, "wecom");
  }

  @AfterAll
  static void stopWecom() {
    WECOM.stop(0);
  }

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired TaskHandover handover;
  @Autowired InternalNotices notices;
  @Autowired WecomOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired GreenMail greenMail;
  @Autowired ObjectMapper json;

  @BeforeEach
  void clean() throws Exception {
    EngineTestSupport.drainLeftovers(managementService);
    jdbc.update("delete from wecom_outbox");
    RECEIVED.clear();
    ANSWERS.clear();
    greenMail.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  @DisplayName("R-4.2-1 到期前提醒和逾期通知在事务提交后发到第一网格的企业微信群机器人：JSON 正确，内容为中文，不含居民电话和诉求")
  void dueSoonAndOverdue_reachTheGridRobot_afterTheCommit_withoutResidentData() throws Exception {
    setClock(shanghai(2026, 9, 30, 10, 0)); // Wednesday before National Day 2026, as ReceptionProcessTest
    ProcessInstance pi = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("letter")));
    assertThat(runtimeService.getVariable(pi.getId(), "grid")).isEqualTo("grid-1");
    taskService.claim(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), "zhangwei");

    setClock(shanghai(2026, 10, 10, 17, 0));
    assertThat(fireDueTimers(managementService, pi.getId())).isEqualTo(2);
    assertThat(runAsyncSteps(managementService)).isEqualTo(2);
    assertThat(greenMail.getReceivedMessagesForDomain("liuyang@shequ.example")).hasSize(1); // mail stays
    assertThat(RECEIVED).as("nothing goes to WeCom inside the step's transaction").isEmpty();

    assertThat(outbox.drain()).isEqualTo(2);
    assertThat(RECEIVED).hasSize(2);
    List<String> contents = new ArrayList<>();
    for (String[] request : RECEIVED) {
      assertThat(request[0]).endsWith("key=" + KEY_1);
      JsonNode body = json.readTree(request[1]);
      assertThat(body.path("msgtype").asText()).isEqualTo("text");
      contents.add(body.path("text").path("content").asText());
    }
    assertThat(contents).anyMatch(c -> c.startsWith("【即将到期】事项 " + pi.getBusinessKey()))
        .anyMatch(c -> c.startsWith("【已逾期】") && c.contains(pi.getBusinessKey()) && c.contains("张伟"));
    assertThat(String.join("\n", contents)).doesNotContain("13941400001").doesNotContain("咨询社区活动室")
        .doesNotContain("0414-2812301");
    assertThat(outbox.drain()).as("sent once").isZero();
  }

  @Test
  @DisplayName("R-4.1-2 交接通知发到接手人所在网格的机器人；接手人网格未配置机器人时只发邮件")
  void handover_reachesTheTakersGridRobot_andAGridWithoutRobotGetsMailOnly() throws Exception {
    // a worker of the test's own, so that only the test's cases move (the test database is shared)
    String leaver = "wecomleaver";
    if (identityService.createUserQuery().userId(leaver).count() == 0) {
      User user = identityService.newUser(leaver);
      user.setFirstName("测试");
      user.setLastName("离岗");
      user.setEmail(leaver + "@shequ.example");
      identityService.saveUser(user);
      identityService.createMembership(leaver, "grid-1");
    }
    try {
      ProcessInstance pi = caseHeldBy(leaver);
      handover.handOver(leaver, "wangfang", "病假", "liuyang"); // wangfang: grid-3, which has a robot
      assertThat(outbox.drain()).isEqualTo(1);
      assertThat(RECEIVED).hasSize(1);
      assertThat(RECEIVED.get(0)[0]).endsWith("key=grid3-secret-key-0003");
      String content = json.readTree(RECEIVED.get(0)[1]).path("text").path("content").asText();
      assertThat(content).startsWith("【任务交接】").contains("1 项待办", "王芳", "病假", pi.getBusinessKey())
          .doesNotContain("13941400001");

      RECEIVED.clear();
      greenMail.purgeEmailFromAllMailboxes();
      caseHeldBy(leaver);
      handover.handOver(leaver, "lina", "轮岗", "liuyang"); // lina: grid-2, no robot
      assertThat(greenMail.getReceivedMessagesForDomain("lina@shequ.example")).hasSize(1);
      assertThat(jdbc.queryForObject("select count(*) from wecom_outbox where sent_at is null", Integer.class)).isZero();
      assertThat(outbox.drain()).isZero();
      assertThat(RECEIVED).isEmpty();
    } finally {
      identityService.deleteUser(leaver);
    }
  }

  /** A walk-in case whose open task the worker holds. */
  private ProcessInstance caseHeldBy(String worker) {
    ProcessInstance pi = organisation.runAs(worker,
        () -> runtimeService.startProcessInstanceByKey("reception", ReceptionInput.of("visit")));
    taskService.claim(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), worker);
    return pi;
  }

  @Test
  @DisplayName("限流：一分钟内 25 条通知，机器人只收到 20 条，其余 5 条在时钟走过一分钟后发出，不丢失")
  void twentyFiveNoticesInAMinute_twentySent_fiveAfterTheMinute() {
    setClock(shanghai(2026, 11, 2, 10, 0));
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      for (int i = 1; i <= 25; i++) {
        notices.send(notice("rate-" + i, "grid-1", i));
      }
    });
    assertThat(outbox.drain()).isEqualTo(20);
    setClock(shanghaiSeconds(2026, 11, 2, 10, 0, 59));
    assertThat(outbox.drain()).as("still within the rolling minute").isZero();
    assertThat(RECEIVED).hasSize(20);
    setClock(shanghaiSeconds(2026, 11, 2, 10, 1, 1));
    assertThat(outbox.drain()).isEqualTo(5);
    assertThat(RECEIVED).hasSize(25);
    assertThat(RECEIVED.stream().map(r -> r[1]).distinct()).hasSize(25);
  }

  @Test
  @DisplayName("两个节点共用数据库：一条通知只由取到它的节点发送；该节点发送中途停止时，租期过后另一节点补发，不丢失")
  void twoNodes_eachNoticeSentByTheNodeThatTookIt() {
    setClock(shanghai(2026, 11, 4, 10, 0));
    new TransactionTemplate(transactions).executeWithoutResult(status -> notices.send(notice("node-1", "grid-1", 1)));
    long id = jdbc.queryForObject("select id from wecom_outbox where event_key = 'wecom:node-1'", Long.class);
    long now = org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime();

    assertThat(outbox.claim(id, now)).as("node A takes it").isTrue();
    assertThat(outbox.claim(id, now)).as("node B cannot take it too").isFalse();
    assertThat(outbox.drain()).as("node B's drain leaves it to A").isZero();
    assertThat(RECEIVED).isEmpty();
    // node A died while sending: after the lease the row is due again, and goes out once
    setClock(shanghaiSeconds(2026, 11, 4, 10, 2, 1));
    assertThat(outbox.drain()).isEqualTo(1);
    assertThat(outbox.drain()).isZero();
    assertThat(RECEIVED).hasSize(1);
  }

  @Test
  @DisplayName("企业微信返回 500 或 errcode≠0 时退避重试，直到成功；引起通知的事务不受影响")
  void serverErrorAndRefusal_areRetriedWithBackoff() {
    setClock(shanghai(2026, 11, 3, 10, 0));
    ANSWERS.add(new Object[] {500, "oops"});
    ANSWERS.add(new Object[] {200, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}"});
    new TransactionTemplate(transactions).executeWithoutResult(status -> notices.send(notice("retry-1", "grid-1", 1)));

    assertThat(outbox.drain()).isZero();
    assertThat(RECEIVED).hasSize(1);
    assertThat(outbox.drain()).as("not before the backoff").isZero();
    assertThat(RECEIVED).hasSize(1);
    setClock(shanghaiSeconds(2026, 11, 3, 10, 0, 31));
    assertThat(outbox.drain()).isZero();
    assertThat(RECEIVED).hasSize(2);
    assertThat(jdbc.queryForObject("select last_error from wecom_outbox where event_key = 'wecom:retry-1'",
        String.class)).contains("45009").doesNotContain(KEY_1);
    setClock(shanghaiSeconds(2026, 11, 3, 10, 1, 31));
    assertThat(outbox.drain()).isEqualTo(1);
    assertThat(RECEIVED).hasSize(3);
    assertThat(RECEIVED.get(2)[1]).isEqualTo(RECEIVED.get(0)[1]);
  }

  @Test
  @DisplayName("回滚的事务不留通知：步骤失败时机器人什么也收不到")
  void aRolledBackStep_leavesNoNotice() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      notices.send(notice("rolled-back", "grid-1", 1));
      status.setRollbackOnly();
    });
    assertThat(outbox.drain()).isZero();
    assertThat(RECEIVED).isEmpty();
  }

  @Test
  @DisplayName("启动检查：机器人地址须为 https 并带 key；http 仅限测试时的本机地址；日志中密钥被遮盖")
  void robotUrls_areCheckedAtStart_andTheKeyIsMasked() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WecomRobots.checked("grid-1",
        "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc12345", true))
        .hasMessageContaining("grids.grid-1").hasMessageContaining("必须使用 https");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WecomRobots.checked("grid-2",
        "http://127.0.0.1:9/cgi-bin/webhook/send?key=abc12345", false)).hasMessageContaining("必须使用 https");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WecomRobots.checked("grid-3",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", false)).hasMessageContaining("缺少机器人密钥");
    java.net.URI ok = WecomRobots.checked("grid-1", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd-1234-5678",
        false);
    assertThat(WecomRobots.masked(ok)).isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcd****");
    assertThat(WecomRobots.fingerprint(ok)).doesNotContain("1234").hasSize(32);
  }

  private static InternalNotice notice(String key, String grid, int number) {
    return new InternalNotice(key, grid, List.of(), "handover", Map.of("toName", "张伟", "fromName", "李娜",
        "reason", "病假", "taskCount", 1, "taskList", "· 受理并答复居民（事项 TEST-" + number + "）",
        "communityName", "测试社区", "residentPhone", "13941400001"));
  }

  private static Date shanghaiSeconds(int y, int m, int d, int h, int min, int s) {
    return new Date(shanghai(y, m, d, h, min).getTime() + s * 1000L);
  }
}
