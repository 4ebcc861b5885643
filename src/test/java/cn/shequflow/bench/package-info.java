/** The benchmark of issue 11 (mvn -Pbench test): case cost and throughput, Tasklist latency, timers, start-up, import. */
package cn.shequflow.bench;
