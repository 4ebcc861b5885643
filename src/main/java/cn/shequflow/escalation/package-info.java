/** Matters beyond the community (escalation.bpmn): the report to the street office or a department, chasing the answer and telling the resident. */
package cn.shequflow.escalation;
