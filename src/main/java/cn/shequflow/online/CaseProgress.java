package cn.shequflow.online;

import cn.shequflow.mailintake.EmailCaseLookup;
import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.EngineClock;
import cn.shequflow.security.SlidingWindow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The resident's progress lookup (办件查询, R-4.2-4): by case number and the last four digits of the phone given at
 * intake (an e-mail case without a phone: the lookup code its receipt gave, mailintake), from the case register. It tells the status in words, the unit handling the case (the community, the street
 * office or a named department, never a person), the promised date and the outcome once closed, and nothing about
 * the resident. A wrong number and a wrong tail are the same "not found"; lookups per address and wrong tails per
 * case are limited, so a tail cannot be found by trying all 10,000.
 */
@Component
class CaseProgress {

  private static final Pattern NUMBER = Pattern.compile("^[A-Z]{2}\\d{8}-\\d{5,9}$");
  private static final Pattern TAIL = Pattern.compile("^\\d{4}$");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  /** What the resident is told; {@code outcome} is null while the case is open. */
  record Progress(String caseNumber, String stage, String status, String unit, String promisedDate,
      String promisedDateText, String outcome, String category) {}

  /** Found, not found (whatever the reason), or refused for too many tries. */
  record Answer(Progress progress, boolean tooMany) {}

  private final JdbcTemplate jdbc;
  private final String communityName;
  private final ZoneId zone;
  private final SlidingWindow perAddress;
  private final SlidingWindow wrongPerCase;
  private final Duration window;
  private final EmailCaseLookup emailCases;

  CaseProgress(JdbcTemplate jdbc, EmailCaseLookup emailCases, @Value("${shequ.community-name}") String communityName,
      @Value("${shequ.calendar.zone:Asia/Shanghai}") String zone,
      @Value("${shequ.online.lookups-per-address:30}") int lookupsPerAddress,
      @Value("${shequ.online.wrong-tails-per-case:10}") int wrongTailsPerCase,
      @Value("${shequ.online.lookup-window:PT15M}") Duration window) {
    this.jdbc = jdbc;
    this.emailCases = emailCases;
    this.communityName = communityName;
    this.zone = ZoneId.of(zone);
    this.window = window;
    this.perAddress = new SlidingWindow(lookupsPerAddress, window, new EngineClock());
    this.wrongPerCase = new SlidingWindow(wrongTailsPerCase, window, new EngineClock());
  }

  Duration window() {
    return window;
  }

  Answer lookUp(String caseNumber, String phoneTail, String address) {
    if (perAddress.blocked(address)) {
      return new Answer(null, true);
    }
    perAddress.count(address);
    String number = caseNumber == null ? "" : caseNumber.trim().toUpperCase();
    String tail = phoneTail == null ? "" : phoneTail.trim();
    if (!NUMBER.matcher(number).matches() || !TAIL.matcher(tail).matches()) {
      return new Answer(null, false);
    }
    if (wrongPerCase.blocked(number)) {
      return new Answer(null, true);
    }
    List<Row> rows = jdbc.query("select case_number, resident_phone, grid, holder, holder_name, status, "
        + "outcome_label, first_response_due_at, due_at, category_name from case_register where case_number = ?",
        (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getTimestamp(8), rs.getTimestamp(9), rs.getString(10)), number);
    // an e-mail case has no phone: its receipt gives a 4-digit lookup code to enter in the tail's place
    Optional<Row> row = rows.stream().findFirst()
        .filter(r -> tailMatches(r.phone(), tail) | emailCases.codeMatches(r.caseNumber(), tail));
    if (row.isEmpty()) {
      if (!rows.isEmpty()) {
        wrongPerCase.count(number);
      }
      return new Answer(null, false);
    }
    return new Answer(progress(row.get()), false);
  }

  private record Row(String caseNumber, String phone, String grid, String holder, String holderName, String status,
      String outcome, Timestamp firstResponseDue, Timestamp due, String category) {}

  private Progress progress(Row row) {
    String stage;
    String status;
    String unit = communityName;
    if ("closed".equals(row.status())) {
      stage = "closed";
      status = "已办结";
    } else if (Organisation.INTAKE.equals(row.grid())) {
      stage = "received";
      status = "已收到，等待社区工作人员受理";
    } else if (Organisation.STREET_OFFICE.equals(row.holder())) {
      stage = "streetOffice";
      status = "已上报街道，街道办理中";
      unit = row.holderName() == null ? "街道办事处" : row.holderName();
    } else if ("department".equals(row.holder())) {
      stage = "department";
      status = "已上报有关部门，部门办理中";
      unit = row.holderName() == null ? "有关部门" : row.holderName();
    } else {
      stage = "community";
      status = "社区办理中";
    }
    Timestamp promised = row.due() != null ? row.due() : row.firstResponseDue();
    return new Progress(row.caseNumber(), stage, status, unit,
        promised == null ? null : ISO_DAY.format(promised.toInstant().atZone(zone)),
        promised == null ? null : DAY.format(promised.toInstant().atZone(zone)),
        "closed".equals(row.status()) ? row.outcome() : null, row.category());
  }

  /** The last four digits of the phone, compared in constant time. */
  private static boolean tailMatches(String phone, String tail) {
    String digits = phone == null ? "" : phone.replaceAll("\\D", "");
    String actual = digits.length() < 4 ? "" : digits.substring(digits.length() - 4);
    return MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8), tail.getBytes(StandardCharsets.UTF_8));
  }
}
