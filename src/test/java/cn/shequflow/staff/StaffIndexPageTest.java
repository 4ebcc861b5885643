package cn.shequflow.staff;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff index (issue 13 item 9, /staff) over real HTTP: opened in the Tasklist session, it shows who is logged
 * in by name and the pages that user may open, in Chinese and in the webapps' look; anonymous callers are told to
 * log in (401); the Welcome app links to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StaffIndexPageTest {

  @LocalServerPort int port;

  @Test
  @DisplayName("issue 13 工作人员首页：书记看到住户导入、本月走访计划、任务移交；网格员只看到走访计划；管理员看到导入和审计；全部中文，按姓名称呼")
  void eachUserSeesThePagesTheyMayOpen() throws Exception {
    RawHttp.Response manager = StaffSession.tasklist(port, "liuyang").get("/staff");
    assertThat(manager.status()).isEqualTo(200);
    assertThat(manager.header("Content-Type")).startsWith("text/html");
    String managerText = StaffSession.visibleText(manager.body());
    assertThat(managerText).contains("刘洋，您好", "社区党委书记、居委会主任", "本溪市平山区崔东社区")
        .doesNotContain("liuyang");
    assertThat(manager.body()).contains("href=\"/staff/households/import\"", "href=\"/staff/visits\"",
        "href=\"/staff/handover\"", "href=\"/coverage\"", "/shequ-assets/staff.css")
        .doesNotContain("href=\"/admin/audit\"");
    assertThat(StaffSession.englishWords(manager.body(), "Excel", "xlsx", "CSV")).isEmpty();

    RawHttp.Response worker = StaffSession.tasklist(port, "zhangwei").get("/staff");
    assertThat(worker.status()).isEqualTo(200);
    assertThat(StaffSession.visibleText(worker.body())).contains("张伟，您好", "网格员（第一网格）", "本月走访计划")
        .doesNotContain("住户导入", "任务移交", "zhangwei");

    RawHttp.Response admin = StaffSession.basic(port, "demo").get("/staff");
    assertThat(admin.body()).contains("href=\"/staff/households/import\"", "href=\"/admin/audit\"",
        "href=\"/admin/lockouts\"").doesNotContain("href=\"/staff/visits\"", "href=\"/staff/handover\"");

    RawHttp.Response streetOffice = StaffSession.basic(port, "chenjing").get("/staff");
    assertThat(streetOffice.status()).isEqualTo(200);
    assertThat(streetOffice.body()).contains("/camunda/app/tasklist/")
        .doesNotContain("href=\"/staff/households/import\"", "href=\"/staff/visits\"", "href=\"/staff/handover\"");
  }

  @Test
  @DisplayName("issue 13 工作人员首页：未登录 401，提示登录任务列表；错误的密码同样 401；安全响应头照常")
  void anonymous_isToldToLogIn() throws Exception {
    RawHttp.Response anonymous = StaffSession.anonymous(port).get("/staff");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(StaffSession.visibleText(anonymous.body())).contains("请先登录", "登录任务列表");
    assertThat(anonymous.body()).contains("href=\"/camunda/app/tasklist/\"");
    assertThat(anonymous.header("Content-Security-Policy")).contains("script-src 'self'");
    assertThat(RawHttp.to(port).basic("no-such-staff", "wrong").get("/staff").status()).isEqualTo(401);
  }

  @Test
  @DisplayName("issue 13 欢迎页的“链接”指向工作人员页面")
  void welcomeAppLinksToTheStaffPages() throws Exception {
    String config = Files.readString(Path.of(
        "src/main/resources/META-INF/resources/webjars/camunda/app/welcome/scripts/config.js"));
    assertThat(config).contains("href: '/staff'", "href: '/staff/households/import'", "href: '/staff/visits'",
        "href: '/staff/handover'");
    RawHttp.Response served = RawHttp.to(port).get("/camunda/app/welcome/scripts/config.js");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body()).contains("href: '/staff'");
  }
}
