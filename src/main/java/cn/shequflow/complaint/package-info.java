/** The complaint and suggestion procedure (complaint.bpmn): registering it, its time limits, and the reply to the complainant. */
package cn.shequflow.complaint;
