package cn.shequflow.mailintake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The progress lookup of an e-mail case (办件查询): a mail gives no phone, so the receipt gives the resident a 4-digit
 * lookup code (查询码) to enter where the phone's last four digits go; the public contract
 * {@code GET /api/public/cases/{n}?phoneTail=} stays as it is.
 */
@Component
public class EmailCaseLookup {

  private final JdbcTemplate jdbc;

  EmailCaseLookup(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether the four digits are the case's lookup code, compared in constant time; false for a case without one. */
  public boolean codeMatches(String caseNumber, String digits) {
    List<String> codes = jdbc.queryForList("select lookup_code from mail_intake_case where case_number = ?",
        String.class, caseNumber);
    byte[] given = (digits == null ? "" : digits).getBytes(StandardCharsets.UTF_8);
    return !codes.isEmpty() && MessageDigest.isEqual(codes.get(0).getBytes(StandardCharsets.UTF_8), given);
  }
}
