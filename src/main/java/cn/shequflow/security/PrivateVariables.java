package cn.shequflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * History level "shequ-full": the engine's full history, except variables named private_* — household profiles and
 * what families said on a visit, which forms submit as variables but which belong only in the app's own tables
 * with access checks (R-1.2-7). The delegates move them there and remove them from the case at once.
 */
@Component
public class PrivateVariables extends AbstractProcessEnginePlugin {

  public static final String PREFIX = "private_";
  static final String NAME = "shequ-full";

  static final HistoryLevel LEVEL = new HistoryLevel() {
    @Override
    public int getId() {
      return 103;
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
      if (entity instanceof VariableInstanceEntity variable && isPrivate(variable.getName())) {
        return false;
      }
      return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
    }
  };

  public static boolean isPrivate(String variableName) {
    return variableName != null && variableName.startsWith(PREFIX);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryLevels());
    levels.add(LEVEL);
    configuration.setCustomHistoryLevels(levels);
    configuration.setHistory(NAME);
  }
}
