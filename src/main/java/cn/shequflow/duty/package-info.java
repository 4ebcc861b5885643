/** Emergency duty (duty-shift.bpmn): the roster's shifts, the watch, events reported on a shift and the handover to the next worker. */
package cn.shequflow.duty;
