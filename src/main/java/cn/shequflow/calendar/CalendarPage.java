package cn.shequflow.calendar;

import cn.shequflow.calendar.WorkingDayCalendar.CalendarDay;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The staff page 工作日历 ({@code /staff/calendar?year=}), open to every logged-in user: the year as twelve month grids
 * with days off, make-up working days and weekends marked, each day's note as its tooltip and in a list below, and a
 * notice when the year is provisional (by the statute); rendered by templates/staff/calendar.html.
 */
@Controller
class CalendarPage {

  static final String PATH = "/staff/calendar";

  private final WorkingDayCalendar calendar;
  private final StaffPages pages;

  CalendarPage(WorkingDayCalendar calendar, StaffPages pages) {
    this.calendar = calendar;
    this.pages = pages;
  }

  /** One square of a month grid; day 0 is an empty square before the 1st or after the last day. */
  record Cell(int day, String kind, String label) {}

  /** A month: its title (1月) and its weeks, Monday first. */
  record Month(String title, List<List<Cell>> weeks) {}

  /** A line of the list below the grids. */
  record Line(String date, String kind, String note, String source) {}

  @GetMapping(PATH)
  ModelAndView page(@RequestParam(name = "year", required = false) String year, HttpServletRequest request) {
    String user = pages.user(request);
    ModelAndView refusal = pages.refuseUnless(request, user, true, "工作日历", "");
    if (refusal != null) {
      return refusal;
    }
    Integer y = year == null || year.isBlank()
        ? Integer.valueOf(ClockUtil.getCurrentTime().toInstant().atZone(calendar.zone()).getYear())
        : CalendarController.parseYear(year);
    if (y == null) {
      return pages.refusal(request, HttpStatus.BAD_REQUEST, "工作日历", CalendarController.yearMessage());
    }
    List<CalendarDay> special = calendar.specialDays(y);
    Map<LocalDate, CalendarDay> byDate = special.stream()
        .collect(Collectors.toMap(CalendarDay::date, Function.identity()));
    List<Month> months = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      months.add(month(YearMonth.of(y, m), byDate));
    }
    Map<String, Object> model = pages.model(request, user, PATH);
    model.put("year", y);
    model.put("previous", y > CalendarController.FIRST_YEAR ? y - 1 : null);
    model.put("next", y < CalendarController.LAST_YEAR ? y + 1 : null);
    model.put("provisional", calendar.isProvisional(y));
    model.put("byStatute", calendar.isProvisional(y) && StatutoryHolidays.covers(y));
    model.put("months", months);
    model.put("lines", special.stream().map(d -> new Line(d.date().getMonthValue() + "月" + d.date().getDayOfMonth()
        + "日（" + HolidayTable.chineseWeekday(d.date().getDayOfWeek()) + "）", d.off() ? "放假" : "调休上班", d.note(),
        d.source() == WorkingDayCalendar.Source.TABLE ? "国务院通知（节假日表）" : "法定节假日推算（暂定）")).toList());
    return new ModelAndView("staff/calendar", model, HttpStatus.OK);
  }

  private Month month(YearMonth month, Map<LocalDate, CalendarDay> special) {
    List<List<Cell>> weeks = new ArrayList<>();
    List<Cell> week = new ArrayList<>();
    for (int i = 1; i < month.atDay(1).getDayOfWeek().getValue(); i++) {
      week.add(new Cell(0, "empty", ""));
    }
    for (int d = 1; d <= month.lengthOfMonth(); d++) {
      LocalDate date = month.atDay(d);
      CalendarDay day = special.get(date);
      String kind;
      String label;
      if (day != null) {
        kind = day.off() ? "off" : "makeup";
        label = (day.off() ? "放假：" : "调休上班：") + day.note();
      } else if (calendar.isWorkingDay(date)) {
        kind = "work";
        label = "工作日";
      } else {
        kind = "weekend";
        label = "周末";
      }
      week.add(new Cell(d, kind, label));
      if (week.size() == 7) {
        weeks.add(week);
        week = new ArrayList<>();
      }
    }
    if (!week.isEmpty()) {
      while (week.size() < 7) {
        week.add(new Cell(0, "empty", ""));
      }
      weeks.add(week);
    }
    return new Month(month.getMonthValue() + "月", weeks);
  }
}
