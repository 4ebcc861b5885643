package cn.shequflow.household;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The special-household types that call for monthly visits (R-3.1.2-2): stable codes and their Chinese labels. */
public final class SpecialTypes {

  /** Code → label, in the order a form should list them; the database stores codes, sheets carry labels. */
  public static final Map<String, String> LABELS;

  static {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("livingAlone", "独居老人");
    labels.put("lonelyElderly", "孤寡老人");
    labels.put("oldOld", "高龄老人");
    labels.put("disabled", "残疾人");
    labels.put("lowIncome", "低保户");
    labels.put("leftBehindChild", "留守儿童");
    labels.put("childInDifficulty", "困境儿童");
    labels.put("dvVictim", "家暴受害人");
    labels.put("keyFamily", "重点关注家庭");
    LABELS = Collections.unmodifiableMap(labels);
  }

  private SpecialTypes() {}

  /** The code of a Chinese label such as 独居老人, if it is one. */
  public static Optional<String> codeOf(String label) {
    return LABELS.entrySet().stream().filter(e -> e.getValue().equals(label)).map(Map.Entry::getKey).findFirst();
  }

  /** The Chinese label of a code; the code itself when unknown (an old code must still print). */
  public static String label(String code) {
    return LABELS.getOrDefault(code, code);
  }
}
