/** Reception of residents' matters (reception.bpmn): registering a case from any channel, its reply deadline and priority, and answering or passing it on. */
package cn.shequflow.reception;
