package cn.shequflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The benchmark's parameters: system properties ({@code -Dbench.*}) with defaults at the volume. */
record BenchConfig(List<String> databases, Set<String> parts, int openTasks, int gridTasks, int gridCases, int supervisionTasks,
    long historyRows, int timersDue, int timersFuture, int households, int registerRows, int cases, int warmup,
    int rounds, List<Integer> threads, int countedCases, int calls, int callWarmup, int callBudgetSeconds, int startups,
    boolean childStartup, boolean isolate, boolean keep, String pgUrl, String pgUser, String pgPassword,
    String engineName, Path outDir) {

  static BenchConfig fromSystemProperties() {
    return new BenchConfig(
        list("bench.db", "h2,postgres"),
        new TreeSet<>(list("bench.parts", "a,b,c,d,e,f")),
        integer("bench.openTasks", 45_000),
        integer("bench.gridTasks", 15_000),
        integer("bench.gridCases", 500),
        integer("bench.supervisionTasks", 1_000),
        Long.parseLong(System.getProperty("bench.historyRows", "1000000")),
        integer("bench.timers.due", 100_000),
        integer("bench.timers.future", 200_000),
        integer("bench.households", 500_000),
        integer("bench.registerRows", 50_000),
        integer("bench.cases", 200),
        integer("bench.warmup", 50),
        integer("bench.rounds", 3),
        list("bench.threads", "1,2,4").stream().map(Integer::valueOf).toList(),
        integer("bench.countedCases", 50),
        integer("bench.calls", 20),
        integer("bench.callWarmup", 3),
        integer("bench.callBudgetSeconds", 300),
        integer("bench.startups", 3),
        Boolean.parseBoolean(System.getProperty("bench.startup.child", "true")),
        Boolean.parseBoolean(System.getProperty("bench.isolate", "true")),
        Boolean.parseBoolean(System.getProperty("bench.keep", "false")),
        System.getProperty("bench.pgUrl", ""),
        System.getProperty("bench.pgUser", "postgres"),
        System.getProperty("bench.pgPassword", "postgres"),
        System.getProperty("bench.engineName", "default"),
        Path.of(System.getProperty("bench.out", "target/bench")));
  }

  boolean runs(String part) {
    return parts.contains(part);
  }

  private static int integer(String name, int fallback) {
    return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)).replace("_", ""));
  }

  private static List<String> list(String name, String fallback) {
    return Arrays.stream(System.getProperty(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }
}
