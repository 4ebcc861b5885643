package cn.shequflow.calendar;

import cn.shequflow.calendar.WorkingDayCalendar.CalendarDay;
import cn.shequflow.calendar.WorkingDayCalendar.Deadline;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working-day calendar for anyone logged in (HTTP Basic or the webapp session), issue 15 item 3:
 * {@code GET /api/calendar/deadline?receivedAt=&workingDays=} → {@code {"dueAt", "provisional"}} by the rule the
 * processes use ({@link WorkingDayCalendar#deadlineOf}); {@code GET /api/calendar/days?year=} → the year's days off
 * and make-up working days, each with its source ({@code table} or {@code statute}).
 */
@RestController
class CalendarController {

  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2100;

  private final WorkingDayCalendar calendar;
  private final BasicAuthentication authentication;
  private final cn.shequflow.security.StaffPages staffPages;

  CalendarController(WorkingDayCalendar calendar, BasicAuthentication authentication,
      cn.shequflow.security.StaffPages staffPages) {
    this.calendar = calendar;
    this.authentication = authentication;
    this.staffPages = staffPages;
  }

  /**
   * {@code GET /api/calendar/year-warning} → {@code {"warning": "…" | null}}: from 1 November, while next year has no
   * rows in the holiday table, the warning Tasklist shows managers and admins (issue 15 item 8); null for others.
   */
  @GetMapping(path = "/api/calendar/year-warning", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> yearWarning(HttpServletRequest request) {
    String user = authentication.currentUser(request);
    if (user == null) {
      return unauthorized();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("warning", staffPages.calendarYearWarning(user));
    return ResponseEntity.ok(body);
  }

  @GetMapping(path = "/api/calendar/deadline", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> deadline(@RequestParam(name = "receivedAt", required = false) String receivedAt,
      @RequestParam(name = "workingDays", required = false) String workingDays, HttpServletRequest request) {
    if (authentication.currentUser(request) == null) {
      return unauthorized();
    }
    OffsetDateTime received = parseInstant(receivedAt);
    if (received == null) {
      return badRequest("收件时间 receivedAt 须为带时区的 ISO-8601 时间，例如 2026-12-30T10:00:00+08:00"
          + "（在网址中把“+”写成 %2B）");
    }
    Long n = parseWorkingDays(workingDays);
    if (n == null) {
      return badRequest("工作日数 workingDays 须为 0 至 " + WorkingDayCalendar.MAX_WORKING_DAYS + " 的整数");
    }
    Deadline due = calendar.deadlineOf(Date.from(received.toInstant()), n);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dueAt", iso(due.dueAt()));
    body.put("provisional", due.provisional());
    return ResponseEntity.ok(body);
  }

  @GetMapping(path = "/api/calendar/days", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> days(@RequestParam(name = "year", required = false) String year, HttpServletRequest request) {
    if (authentication.currentUser(request) == null) {
      return unauthorized();
    }
    Integer y = parseYear(year);
    if (y == null) {
      return badRequest(yearMessage());
    }
    List<CalendarDay> days = calendar.specialDays(y);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("year", y);
    body.put("provisional", calendar.isProvisional(y));
    body.put("offDays", days.stream().filter(CalendarDay::off).map(CalendarController::row).toList());
    body.put("makeUpWorkingDays", days.stream().filter(d -> !d.off()).map(CalendarController::row).toList());
    return ResponseEntity.ok(body);
  }

  /** The year of a query parameter, or null when it is not a four-digit year the calendar answers for. */
  static Integer parseYear(String year) {
    if (year == null || !year.strip().matches("\\d{4}")) {
      return null;
    }
    int y = Integer.parseInt(year.strip());
    return y >= FIRST_YEAR && y <= LAST_YEAR ? y : null;
  }

  static String yearMessage() {
    return "年份 year 须为 " + FIRST_YEAR + " 至 " + LAST_YEAR + " 之间的四位数字，例如 2027";
  }

  private static Map<String, Object> row(CalendarDay day) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("date", day.date().toString());
    row.put("note", day.note());
    row.put("source", day.source().code());
    return row;
  }

  private String iso(Date date) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(date.toInstant().atZone(calendar.zone()).toOffsetDateTime());
  }

  private static OffsetDateTime parseInstant(String value) {
    if (value == null || value.isBlank() || value.length() > 64) {
      return null;
    }
    // an unencoded "+08:00" in a query string arrives as " 08:00"
    String text = value.strip().replace(' ', '+');
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long parseWorkingDays(String value) {
    if (value == null || !value.strip().matches("\\d{1,4}")) {
      return null;
    }
    long n = Long.parseLong(value.strip());
    return n <= WorkingDayCalendar.MAX_WORKING_DAYS ? n : null;
  }

  private static ResponseEntity<?> unauthorized() {
    return BasicAuthentication.notLoggedIn("请先登录（任务列表的登录会话或 HTTP Basic）");
  }

  private static ResponseEntity<?> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("message", message));
  }
}
