/** The benchmark of issue 11 (mvn -Pbench test): case cost and throughput, Tasklist latency, timers, start-up, import;
 * and of issue 14 (part f): the case register's search and export. */
package cn.shequflow.bench;
