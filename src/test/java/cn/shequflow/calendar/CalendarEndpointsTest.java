package cn.shequflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15 item 3 over real HTTP: GET /api/calendar/deadline and /api/calendar/days and the page /staff/calendar, for
 * every logged-in user (HTTP Basic or the Tasklist session); 401 for nobody, 400 with a Chinese message for bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CalendarEndpointsTest {

  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  @DisplayName("issue 15 item 8 from 1 November managers and admins see a standing warning that 2027 has no rows; workers do not")
  void nextYearWarningForManagersAndAdmins() throws Exception {
    try {
      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
          java.time.OffsetDateTime.parse("2026-10-31T10:00:00+08:00").toInstant()));
      assertThat(json.readTree(StaffSession.basic(port, "liuyang").get("/api/calendar/year-warning").body())
          .path("warning").isNull()).as("October").isTrue();
      assertThat(StaffSession.tasklist(port, "liuyang").get("/staff").body()).doesNotContain("staff-calendar-warning");

      org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
          java.time.OffsetDateTime.parse("2026-11-01T09:00:00+08:00").toInstant()));
      assertThat(json.readTree(StaffSession.basic(port, "liuyang").get("/api/calendar/year-warning").body())
          .path("warning").asText()).contains("节假日表尚无2027年的安排");
      assertThat(json.readTree(StaffSession.basic(port, "demo").get("/api/calendar/year-warning").body())
          .path("warning").asText()).as("admin").contains("2027年");
      assertThat(json.readTree(StaffSession.basic(port, "zhangwei").get("/api/calendar/year-warning").body())
          .path("warning").isNull()).as("a grid worker").isTrue();
      assertThat(StaffSession.tasklist(port, "liuyang").get("/staff/dashboard").body())
          .contains("staff-calendar-warning", "节假日表尚无2027年的安排");
      assertThat(StaffSession.tasklist(port, "zhangwei").get("/staff").body()).doesNotContain("staff-calendar-warning");
      assertThat(StaffSession.anonymous(port).get("/api/calendar/year-warning").status()).isEqualTo(401);
    } finally {
      org.camunda.bpm.engine.impl.util.ClockUtil.reset();
    }
  }

  @Test
  @DisplayName("issue 15 R-4.2-1 deadline endpoint: a letter of Wed 2026-12-30 is due 2027-01-05 17:00 +08:00, 暂定; 2026-09-30 is not")
  void deadlineByTheProcessesRule() throws Exception {
    RawHttp.Response provisional = StaffSession.basic(port, "zhangwei")
        .get("/api/calendar/deadline?receivedAt=2026-12-30T10:00:00%2B08:00&workingDays=3");
    assertThat(provisional.status()).isEqualTo(200);
    JsonNode body = json.readTree(provisional.body());
    assertThat(body.path("dueAt").asText()).isEqualTo("2027-01-05T17:00:00+08:00");
    assertThat(body.path("provisional").asBoolean()).isTrue();

    // UTC input, Shanghai rule: 2026-09-30T02:00Z is 10:00 in Shanghai → make-up Saturday 10-10
    JsonNode table = json.readTree(StaffSession.basic(port, "lina")
        .get("/api/calendar/deadline?receivedAt=2026-09-30T02:00:00Z&workingDays=3").body());
    assertThat(table.path("dueAt").asText()).isEqualTo("2026-10-10T17:00:00+08:00");
    assertThat(table.path("provisional").asBoolean()).isFalse();

    // an unencoded "+" arrives as a space and is still read as the offset; the Tasklist session works as well
    RawHttp.Response session = StaffSession.tasklist(port, "wangfang")
        .get("/api/calendar/deadline?receivedAt=2027-02-04T15:00:00+08:00&workingDays=1");
    assertThat(session.status()).isEqualTo(200);
    assertThat(json.readTree(session.body()).path("dueAt").asText()).isEqualTo("2027-02-11T17:00:00+08:00");
  }

  @Test
  @DisplayName("issue 15 days endpoint: 2026 from the table (6 make-up working days), 2027 from the statute (days off only)")
  void daysWithTheirSource() throws Exception {
    JsonNode y2026 = json.readTree(StaffSession.basic(port, "chenjing").get("/api/calendar/days?year=2026").body());
    assertThat(y2026.path("year").asInt()).isEqualTo(2026);
    assertThat(y2026.path("provisional").asBoolean()).isFalse();
    assertThat(y2026.path("offDays")).hasSize(33).allMatch(d -> d.path("source").asText().equals("table"));
    assertThat(y2026.path("makeUpWorkingDays")).hasSize(6);
    assertThat(y2026.path("makeUpWorkingDays").get(0).path("date").asText()).isEqualTo("2026-01-04");

    JsonNode y2027 = json.readTree(StaffSession.basic(port, "zhaolei").get("/api/calendar/days?year=2027").body());
    assertThat(y2027.path("provisional").asBoolean()).isTrue();
    assertThat(y2027.path("makeUpWorkingDays")).isEmpty();
    assertThat(y2027.path("offDays")).allMatch(d -> d.path("source").asText().equals("statute"));
    assertThat(y2027.path("offDays").findValuesAsText("date"))
        .contains("2027-01-01", "2027-02-05", "2027-02-09", "2027-02-10", "2027-04-05", "2027-06-09", "2027-09-15",
            "2027-10-05")
        .doesNotContain("2027-02-11");
  }

  @Test
  @DisplayName("issue 15 nobody logged in: 401 (API and page); bad input: 400 with a Chinese message, never 500")
  void refusals() throws Exception {
    assertThat(StaffSession.anonymous(port).get("/api/calendar/days?year=2027").status()).isEqualTo(401);
    RawHttp.Response anonymous = StaffSession.anonymous(port)
        .get("/api/calendar/deadline?receivedAt=2026-12-30T10:00:00Z&workingDays=3");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.body()).contains("请先登录").doesNotContain("dueAt");
    // (a wrong password is not tried here: it would delay the account and count against 127.0.0.1 for other tests)
    assertThat(StaffSession.anonymous(port).get("/staff/calendar").status()).isEqualTo(401);

    StaffSession worker = StaffSession.basic(port, "zhangwei");
    for (String query : new String[] {
        "receivedAt=2026-12-30T10:00:00&workingDays=3", // no offset
        "receivedAt=yesterday&workingDays=3",
        "workingDays=3",
        "receivedAt=2026-12-30T10:00:00Z&workingDays=-1",
        "receivedAt=2026-12-30T10:00:00Z&workingDays=2.5",
        "receivedAt=2026-12-30T10:00:00Z&workingDays=1001",
        "receivedAt=2026-12-30T10:00:00Z&workingDays=99999999999999999999",
        "receivedAt=2026-12-30T10:00:00Z"}) {
      RawHttp.Response bad = worker.get("/api/calendar/deadline?" + query);
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.body()).as(query).containsPattern("receivedAt|workingDays").contains("须为");
    }
    for (String year : new String[] {"", "27", "1999", "2101", "2027x", "%27%3B--"}) {
      RawHttp.Response bad = worker.get("/api/calendar/days?year=" + year);
      assertThat(bad.status()).as(year).isEqualTo(400);
      assertThat(bad.body()).as(year).contains("年份 year 须为 2000 至 2100");
    }
    RawHttp.Response badPage = worker.get("/staff/calendar?year=abc");
    assertThat(badPage.status()).isEqualTo(400);
    assertThat(StaffSession.visibleText(badPage.body())).contains("年份 year 须为");
  }

  @Test
  @DisplayName("issue 15 工作日历页面：任何登录用户可看全年日历，放假、调休上班标出；2027 年标明暂定；页面全中文")
  void calendarPage() throws Exception {
    RawHttp.Response y2027 = StaffSession.tasklist(port, "zhangwei").get("/staff/calendar?year=2027");
    assertThat(y2027.status()).isEqualTo(200);
    String text = StaffSession.visibleText(y2027.body());
    assertThat(text).contains("2027年工作日历", "暂定", "《全国年节及纪念日放假办法》", "1月", "12月",
        "2月9日（周二） 放假 春节（补假） 法定节假日推算（暂定）", "张伟");
    assertThat(y2027.body()).contains("class=\"day off\" title=\"放假：春节（补假）\">10<",
        "href=\"/staff/calendar?year=2028\"", "/shequ-assets/staff.css");
    assertThat(StaffSession.englishWords(y2027.body())).isEmpty();

    RawHttp.Response y2026 = StaffSession.basic(port, "liuyang").get("/staff/calendar?year=2026");
    assertThat(y2026.status()).isEqualTo(200);
    assertThat(y2026.body()).contains("class=\"day makeup\" title=\"调休上班：")
        .doesNotContain("alert-warning");
    assertThat(StaffSession.visibleText(y2026.body())).contains("国务院通知（节假日表）");
  }
}
