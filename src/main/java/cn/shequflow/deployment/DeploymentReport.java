package cn.shequflow.deployment;

import java.util.List;

/**
 * What one deployment run did: the files deployed as new versions, how many were unchanged, and the files
 * refused with a message naming the file and the element.
 */
public record DeploymentReport(String source, List<String> deployed, int unchanged, List<Refusal> refused) {

  /** A model the engine would not take; the version already deployed keeps running. */
  public record Refusal(String file, String element, String message) {}

  public boolean ok() {
    return refused.isEmpty();
  }
}
