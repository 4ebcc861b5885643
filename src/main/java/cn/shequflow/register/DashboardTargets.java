package cn.shequflow.register;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard's target for each rate (shequ.dashboard.targets.*, shares from 0 to 1), set by the community in
 * application.yaml: a tile is green at or above its target, amber within 10 points below it, red further below.
 */
@ConfigurationProperties("shequ.dashboard")
record DashboardTargets(Map<String, Double> targets) {

  DashboardTargets {
    targets = targets == null ? Map.of() : Map.copyOf(targets);
  }

  /** green, amber or red for a rate against its target; grey for no rate or no target. */
  String colour(String rate, Double value) {
    Double target = targets.get(rate);
    if (value == null || target == null) {
      return "grey";
    }
    return value >= target ? "green" : value >= target - 0.1 ? "amber" : "red";
  }
}
