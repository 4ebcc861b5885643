package cn.shequflow.casefile;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * Bounds every String variable by the column that stores it (ACT_RU_VARIABLE.TEXT_, varchar(4000) on H2 and
 * PostgreSQL): a longer text from a start, a form or a REST completion is refused with HTTP 400 and a Chinese message
 * naming the field, instead of a database error (500) after the worker's input (issue 10 item 8). So is a text with
 * the character U+0000, which PostgreSQL refuses in any text column.
 */
@Component
class StringVariableLimit extends AbstractProcessEnginePlugin {

  static final int MAX = 4000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
    // first in the list, so strings are written by this one; reading ("string" type) is the engine's own, unchanged
    serializers.add(new BoundedStringSerializer());
    configuration.setCustomPreVariableSerializers(serializers);
  }

  /** The engine's String serializer with a length check before the write. */
  static class BoundedStringSerializer extends StringValueSerializer {

    @Override
    public void writeValue(StringValue value, ValueFields fields) {
      String text = value.getValue();
      if (text != null && text.length() > MAX) {
        throw new InvalidCaseInputException(fields.getName(),
            "“" + fields.getName() + "”过长：最多" + MAX + "个字，现有" + text.length() + "个字");
      }
      if (text != null && text.indexOf('\0') >= 0) {
        // PostgreSQL refuses U+0000 in a text column (a database error after the input); H2 would store it
        throw new InvalidCaseInputException(fields.getName(),
            "“" + fields.getName() + "”含有空字符（U+0000），请删除该字符后再提交");
      }
      super.writeValue(value, fields);
    }
  }
}
