package cn.shequflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of one run: printed as a table, written as JSON with the machine and the parameters. */
final class BenchResults {

  /** One figure: where (database, part), what, the value and its unit, and how it was obtained. */
  record Figure(String db, String part, String name, double value, String unit, String note) {}

  final List<Figure> figures = new ArrayList<>();
  final Map<String, Object> info = new LinkedHashMap<>();

  synchronized void add(String db, String part, String name, double value, String unit, String note) {
    figures.add(new Figure(db, part, name, value, unit, note == null ? "" : note));
    System.out.printf("[bench] %-8s %s  %-58s %12s %s %s%n", db, part, name, format(value), unit,
        note == null ? "" : note);
  }

  synchronized void info(String key, Object value) {
    info.put(key, value);
  }

  double value(String db, String name) {
    return figures.stream().filter(f -> f.db().equals(db) && f.name().equals(name)).mapToDouble(Figure::value)
        .findFirst().orElse(Double.NaN);
  }

  String table() {
    StringBuilder table = new StringBuilder();
    table.append(String.format("%n| db | part | figure | value | unit | note |%n|---|---|---|---:|---|---|%n"));
    for (Figure f : figures) {
      table.append(String.format("| %s | %s | %s | %s | %s | %s |%n", f.db(), f.part(), f.name(), format(f.value()),
          f.unit(), f.note()));
    }
    return table.toString();
  }

  Path write(Path dir, BenchConfig config) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", OffsetDateTime.now().toString());
    json.put("machine", machine());
    json.put("parameters", config);
    json.put("info", info);
    json.put("figures", figures);
    Path file = dir.resolve("results-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + ".json");
    new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), json);
    return file;
  }

  static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    long ram = -1;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      ram = os.getTotalMemorySize();
    }
    machine.put("ramBytes", ram);
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    return machine;
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    return Math.abs(value - Math.rint(value)) < 1e-9 && Math.abs(value) < 1e12 ? String.format("%,d", (long) value)
        : String.format("%,.2f", value);
  }

  /** The q-quantile (0..1) of the samples, nearest rank. */
  static double quantile(List<? extends Number> samples, double q) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(List<? extends Number> samples) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  static double median(double... samples) {
    return median(Arrays.stream(samples).boxed().toList());
  }
}
