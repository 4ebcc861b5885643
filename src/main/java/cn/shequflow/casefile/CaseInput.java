package cn.shequflow.casefile;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks what a worker or integrator enters about a resident (reception, proxy service …) and says in Chinese what
 * is wrong.
 */
public final class CaseInput {

  private static final Logger LOG = LoggerFactory.getLogger(CaseInput.class);

  public static final Set<String> CHANNELS = Set.of("visit", "phone", "letter", "email", "online");
  public static final Set<String> PRIORITY_GROUPS = Set.of("none", "pregnant", "elderly", "disabled");
  /** Mobile numbers, or landlines with area code such as 0414-2812345 (Benxi). */
  public static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$");
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** Longest name: the feedback card keeps 100 characters (feedback_card.resident_name), the forms ask for 50. */
  public static final int NAME_MAX = 50;
  /** Longest e-mail address: feedback_card.resident_email is varchar(200); a longer one kept the case from closing. */
  public static final int EMAIL_MAX = 200;
  /** Longest free text of a start form (summary, complaint content), well inside a String variable's 4000. */
  public static final int TEXT_MAX = 2000;
  /** Longest address, as the household registry keeps it (household.address). */
  public static final int ADDRESS_MAX = 300;
  /** Longest time limit a case may carry, in working days: twice the catalogue's longest (30), so timers stay sane. */
  public static final int WORKING_DAYS_MAX = 60;

  private CaseInput() {}

  /**
   * Keeps only the variables a person may give when starting a case directly (REST, Tasklist, the app's own start);
   * anything else — firstResponder, grid numbers, deadlines, internal flags — is removed before the case is
   * registered, never trusted (issue 10 item 3). A case called by another case keeps what its caller passed.
   */
  public static void keepOnlyStartVariables(DelegateExecution execution, Set<String> allowed) {
    if (calledByAnotherCase(execution)) {
      return;
    }
    List<String> dropped = new ArrayList<>();
    for (String name : execution.getVariableNames()) {
      if (!allowed.contains(name)) {
        dropped.add(name);
      }
    }
    if (!dropped.isEmpty()) {
      execution.removeVariables(dropped);
      LOG.warn("启动事项时忽略了不允许由调用方设置的变量：{}", dropped);
    }
  }

  /** Whether a call activity of another case started this one (its variables then come from the app, not a person). */
  public static boolean calledByAnotherCase(DelegateExecution execution) {
    return execution.getProcessInstance().getSuperExecution() != null;
  }

  /** The user logged in to the engine (REST, Tasklist), or null when the app itself is running the step. */
  public static String loggedInUser(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService()
        .getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /** Free text that lands in a column or variable of {@code max} characters: trimmed, refused in Chinese when longer. */
  public static String text(Object value, String field, String label, int max) {
    String text = text(value);
    if (text.length() > max) {
      throw new InvalidCaseInputException(field, label + "过长：最多" + max + "个字，现有" + text.length() + "个字");
    }
    return text;
  }

  /** A whole number of working days from 1 to {@link #WORKING_DAYS_MAX} (a deadline's loop and timers depend on it). */
  public static int workingDays(Object value, String field, String label) {
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.doubleValue() < 1 || number.doubleValue() > WORKING_DAYS_MAX) {
      throw new InvalidCaseInputException(field,
          label + "应为1到" + WORKING_DAYS_MAX + "之间的整数（工作日），实际为：" + value);
    }
    return number.intValue();
  }

  public static String channel(Object value) {
    String channel = text(value);
    if (!CHANNELS.contains(channel)) {
      throw new InvalidCaseInputException("channel",
          "受理渠道“" + channel + "”无效，应为 visit（来访）、phone（来电）、letter（来信）、email（电子邮件）或 online（网上留言）");
    }
    return channel;
  }

  public static String residentName(Object value) {
    // a name sent as a number or a boolean (REST lets a caller type it so) would show as "true" in every list
    if (value != null && !(value instanceof String)) {
      throw new InvalidCaseInputException("residentName", "居民姓名应为文字");
    }
    String name = text(value);
    if (name.isEmpty()) {
      throw new InvalidCaseInputException("residentName", "居民姓名不能为空");
    }
    if (name.length() > NAME_MAX) {
      throw new InvalidCaseInputException("residentName", "居民姓名过长（最多" + NAME_MAX + "个字）");
    }
    return name;
  }

  public static String residentPhone(Object value) {
    String phone = text(value).replace(" ", "");
    if (!PHONE.matcher(phone).matches()) {
      throw new InvalidCaseInputException("residentPhone",
          "联系电话“" + phone + "”格式不正确：请填写11位手机号，或带区号的固定电话（如 0414-2812345）");
    }
    return phone;
  }

  public static String residentEmail(Object value) {
    String email = text(value);
    if (email.length() > EMAIL_MAX) {
      throw new InvalidCaseInputException("residentEmail", "电子邮箱过长（最多" + EMAIL_MAX + "个字符）");
    }
    if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
      throw new InvalidCaseInputException("residentEmail", "电子邮箱“" + email + "”格式不正确");
    }
    return email;
  }

  public static String priorityGroup(Object value) {
    String group = text(value);
    if (group.isEmpty()) {
      return "none";
    }
    if (!PRIORITY_GROUPS.contains(group)) {
      throw new InvalidCaseInputException("priorityGroup",
          "优先服务对象“" + group + "”无效，应为 none、pregnant（孕妇）、elderly（老年人）或 disabled（残疾人）");
    }
    return group;
  }

  /**
   * A Date variable, an ISO text from a form, or nothing (= now); never later than now, nor older than the window
   * (a worker's, or the longer one of a manager who registers an old letter): a receipt in 1900 would make every
   * deadline overdue at once (issue 10 finding 8).
   */
  public static Date receivedAt(Object value, Date now, ZoneId zone, Duration window) {
    Date receivedAt = receivedAt(value, now, zone);
    if (receivedAt.getTime() < now.getTime() - window.toMillis()) {
      throw new InvalidCaseInputException("receivedAt", "受理时间不能早于" + window.toDays()
          + "天前（补登更早收到的事项请由社区书记/主任受理）");
    }
    return receivedAt;
  }

  /** A Date variable, an ISO text from a form, or nothing (= now); never later than now. */
  public static Date receivedAt(Object value, Date now, ZoneId zone) {
    Date receivedAt;
    if (value == null || (value instanceof String s && s.isBlank())) {
      receivedAt = now;
    } else if (value instanceof Date date) {
      receivedAt = date;
    } else {
      receivedAt = parse(value.toString().trim(), zone);
    }
    if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new InvalidCaseInputException("receivedAt", "受理时间不能晚于当前时间");
    }
    return receivedAt;
  }

  public static Date parse(String text, ZoneId zone) {
    try {
      return Date.from(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notOffset) {
      try {
        return Date.from(LocalDateTime.parse(text).atZone(zone).toInstant());
      } catch (DateTimeParseException notLocal) {
        try {
          return Date.from(LocalDate.parse(text).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException notDate) {
          throw new InvalidCaseInputException("receivedAt", "受理时间“" + text + "”无法识别，请用 2026-09-30T10:00 这样的格式");
        }
      }
    }
  }

  public static String text(Object value) {
    return value == null ? "" : value.toString().trim();
  }
}
