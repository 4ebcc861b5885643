/** The audit log (等保 2.0): who did what to which object, when, from where and with what outcome — never passwords or household data. */
package cn.shequflow.audit;
