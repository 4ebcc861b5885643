package cn.shequflow.casefile;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Bad input from a worker or an integrator (unknown category, missing name, malformed phone …), with a Chinese
 * message. Extends the engine's form-validation exception because Camunda's REST layer answers that one with
 * HTTP 400 instead of 500 (on start, submit-form and task completion alike).
 */
public class InvalidCaseInputException extends FormFieldValidationException {

  public InvalidCaseInputException(String field, String message) {
    super(field, message);
  }
}
