package cn.shequflow.casefile;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * Published by the case file when a case has closed and its outcome is recorded, synchronously inside the engine's
 * transaction: what a listener writes (the feedback card, say) commits or rolls back with the close itself, so nothing
 * is acknowledged and then lost. {@code outcome} is the end event's id, {@code outcomeLabel} its Chinese name.
 */
public record CaseClosed(DelegateExecution execution, String caseNumber, String processKey, String outcome,
    String outcomeLabel) {}
