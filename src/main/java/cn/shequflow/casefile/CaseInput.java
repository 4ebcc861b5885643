package cn.shequflow.casefile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks what a worker or integrator enters about a resident (reception, proxy service …) and says in Chinese what
 * is wrong.
 */
public final class CaseInput {

  public static final Set<String> CHANNELS = Set.of("visit", "phone", "letter", "email", "online");
  public static final Set<String> PRIORITY_GROUPS = Set.of("none", "pregnant", "elderly", "disabled");
  /** Mobile numbers, or landlines with area code such as 0414-2812345 (Benxi). */
  public static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$");
  public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private CaseInput() {}

  public static String channel(Object value) {
    String channel = text(value);
    if (!CHANNELS.contains(channel)) {
      throw new InvalidCaseInputException("channel",
          "受理渠道“" + channel + "”无效，应为 visit（来访）、phone（来电）、letter（来信）、email（电子邮件）或 online（网上留言）");
    }
    return channel;
  }

  public static String residentName(Object value) {
    String name = text(value);
    if (name.isEmpty()) {
      throw new InvalidCaseInputException("residentName", "居民姓名不能为空");
    }
    if (name.length() > 50) {
      throw new InvalidCaseInputException("residentName", "居民姓名过长（最多50个字）");
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
