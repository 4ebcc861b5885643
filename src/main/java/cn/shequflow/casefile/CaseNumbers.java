package cn.shequflow.casefile;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/**
 * Every case number the app uses, in one place. Residents' cases (JD 接待, DB 代办, TS 投诉建议) get a sequence number,
 * e.g. JD20261129-00042 (prefix, day of receipt, sequence), recorded with its case in case_number, whose key makes
 * the database refuse a number twice (issue 10 item 8). Duty shifts (ZB) and home visits (ZF) are numbered by what
 * they are — the shift, the household and period — so starting the same one twice finds the first.
 */
@Component
public class CaseNumbers {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final DataFieldMaxValueIncrementer sequence;
  private final WorkingDayCalendar calendar;
  private final JdbcTemplate jdbc;

  CaseNumbers(DataSource dataSource, WorkingDayCalendar calendar, JdbcTemplate jdbc) {
    this.sequence = incrementer(dataSource);
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  /** A duty shift's number, read as workers say it: {@code ZB-2026-11-16-夜班} ({@code shift} is day or night). */
  public static String dutyShift(LocalDate date, String shift) {
    return "ZB-" + date + "-" + ("night".equals(shift) ? "夜班" : "白班");
  }

  /** The number the same shift had before issue 13 ({@code ZB-2026-11-16-night}), so a shift is not started twice. */
  public static String legacyDutyShift(LocalDate date, String shift) {
    return "ZB-" + date + "-" + shift;
  }

  /** The n-th event reported on a duty shift (an internal report, escalated like a case): {@code ZB-2026-11-16-夜班-E1}. */
  public static String dutyEvent(String shiftNumber, int n) {
    return shiftNumber + "-E" + n;
  }

  /** A household's visit in a plan period: {@code ZF-<household number>-2026} (annual) or {@code …-2026-11} (monthly). */
  public static String homeVisit(String householdNo, String period) {
    return "ZF-" + householdNo + "-" + period;
  }

  public String next(String prefix, Date receivedAt) {
    LocalDate day = receivedAt.toInstant().atZone(calendar.zone()).toLocalDate();
    return String.format("%s%s-%05d", prefix, DAY.format(day), sequence.nextLongValue());
  }

  /**
   * The next number, recorded for the case being started (in the engine's transaction, so a start that fails leaves
   * no record); a number already recorded is refused in Chinese instead of giving two cases one number.
   */
  public String assign(String prefix, Date receivedAt, DelegateExecution execution) {
    String number = next(prefix, receivedAt);
    try {
      jdbc.update("insert into case_number (case_number, process_key, process_instance_id, assigned_at) "
          + "values (?, ?, ?, ?)", number, execution.getProcessDefinitionId().split(":")[0],
          execution.getProcessInstanceId(), new Timestamp(ClockUtil.getCurrentTime().getTime()));
    } catch (DuplicateKeyException e) {
      throw new InvalidCaseInputException("caseNumber", "事项编号 " + number + " 已被其他事项使用，请重新受理");
    }
    return number;
  }

  /** The process instance a number was given to; empty for numbers given before case_number existed. */
  public Optional<String> owner(String caseNumber) {
    List<String> ids = jdbc.queryForList("select process_instance_id from case_number where case_number = ?",
        String.class, caseNumber);
    return ids.stream().findFirst();
  }

  private static DataFieldMaxValueIncrementer incrementer(DataSource dataSource) {
    String product;
    try (Connection connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException("无法识别数据库类型", e);
    }
    return product.toLowerCase().contains("postgres")
        ? new PostgresSequenceMaxValueIncrementer(dataSource, "case_number_seq")
        : new H2SequenceMaxValueIncrementer(dataSource, "case_number_seq");
  }
}
