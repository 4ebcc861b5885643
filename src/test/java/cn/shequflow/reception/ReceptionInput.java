package cn.shequflow.reception;

import java.util.HashMap;
import java.util.Map;

/** The start variables of a valid reception case (DESIGN.md's contract), for any test that needs a case to exist. */
public final class ReceptionInput {

  private ReceptionInput() {}

  /** A general inquiry by 孙桂兰 on the given channel; a new, changeable map each call. */
  public static Map<String, Object> of(String channel) {
    Map<String, Object> input = new HashMap<>();
    input.put("channel", channel);
    input.put("residentName", "孙桂兰");
    input.put("residentPhone", "13941400001");
    input.put("category", "general-inquiry");
    input.put("summary", "咨询社区活动室开放时间");
    input.put("priorityGroup", "none");
    return input;
  }
}
