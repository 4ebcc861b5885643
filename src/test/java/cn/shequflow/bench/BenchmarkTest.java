package cn.shequflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The benchmark itself (mvn -Pbench test, docs/benchmark.md); never part of the default mvn test. */
@Tag("bench")
class BenchmarkTest {

  @Test
  void benchmark() throws Exception {
    BenchConfig config = BenchConfig.fromSystemProperties();
    System.out.println("[bench] parameters: " + config);
    Benchmark benchmark = new Benchmark(config);
    try {
      benchmark.run();
    } finally {
      // what was measured is kept even when a later part fails
      Path file = Benchmark.write(benchmark.results, config);
      System.out.println(benchmark.results.table());
      System.out.println("[bench] results written to " + file.toAbsolutePath());
    }
    assertThat(benchmark.results.figures).isNotEmpty();
  }
}
