package cn.shequflow.household;

import java.sql.Timestamp;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The household_profile table: a family's first-visit profile (R-3.1.2-6), one row per household, written by the
 * home visit and read by the household page; private data, so only callers that checked the grid reach it.
 */
@Repository
public class HouseholdProfiles {

  private final JdbcTemplate jdbc;

  HouseholdProfiles(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** What a visit form gathered; null fields are stored as null. */
  public record Profile(String members, String livingConditions, String stateOfMind, String employment,
      String health, String education, String socialSecurity) {}

  /** The stored row with lower-case column names (as /api/households/{id}/profile shows it), if there is one. */
  public Optional<Map<String, Object>> find(long householdId) {
    List<Map<String, Object>> rows = jdbc.queryForList("select * from household_profile where household_id = ?",
        householdId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> lower = new LinkedHashMap<>();
    rows.get(0).forEach((k, v) -> lower.put(k.toLowerCase(), v));
    return Optional.of(lower);
  }

  public boolean exists(long householdId) {
    Integer count = jdbc.queryForObject("select count(*) from household_profile where household_id = ?",
        Integer.class, householdId);
    return count != null && count > 0;
  }

  /** Replaces the household's profile, or creates it. */
  public void save(long householdId, Profile profile, String recordedBy, Date recordedAt) {
    Object[] values = {profile.members(), profile.livingConditions(), profile.stateOfMind(), profile.employment(),
        profile.health(), profile.education(), profile.socialSecurity(), recordedBy,
        new Timestamp(recordedAt.getTime()), householdId};
    int updated = jdbc.update("update household_profile set members = ?, living_conditions = ?, state_of_mind = ?, "
        + "employment = ?, health = ?, education = ?, social_security = ?, recorded_by = ?, recorded_at = ? "
        + "where household_id = ?", values);
    if (updated == 0) {
      jdbc.update("insert into household_profile (members, living_conditions, state_of_mind, employment, health, "
          + "education, social_security, recorded_by, recorded_at, household_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          values);
    }
  }
}
