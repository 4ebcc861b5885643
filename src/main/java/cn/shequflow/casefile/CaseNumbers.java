package cn.shequflow.casefile;

import cn.shequflow.calendar.WorkingDayCalendar;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import javax.sql.DataSource;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Component;

/** Hands out the case numbers residents are told, e.g. JD20261129-00042 (prefix, day of receipt, sequence). */
@Component
public class CaseNumbers {

  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final DataFieldMaxValueIncrementer sequence;
  private final WorkingDayCalendar calendar;

  CaseNumbers(DataSource dataSource, WorkingDayCalendar calendar) {
    this.sequence = incrementer(dataSource);
    this.calendar = calendar;
  }

  public String next(String prefix, Date receivedAt) {
    LocalDate day = receivedAt.toInstant().atZone(calendar.zone()).toLocalDate();
    return String.format("%s%s-%05d", prefix, DAY.format(day), sequence.nextLongValue());
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
