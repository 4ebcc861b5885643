package cn.shequflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at toy size on H2, every part in one app: proves each figure is produced and sane, nothing about
 * speed (speed is the benchmark's own business, mvn -Pbench test).
 */
class BenchSmokeTest {

  @Test
  @DisplayName("issue 11 基准测试（极小规模）：每一项数字都能产生且合理")
  void everyFigureIsProduced() throws Exception {
    BenchConfig config = new BenchConfig(List.of("h2"), Set.of("a", "b", "c", "d", "e"), 30, 10, 3, 2, 0, 20, 20, 30,
        0, 2, 1, 1, List.of(1), 3, 2, 1, 5, 0, false, false, false, "", "", "", "benchsmoke",
        Path.of("target/bench-smoke"));

    BenchResults results = new Benchmark(config).run();

    assertThat(results.figures).allSatisfy(figure -> assertThat(figure.value()).as(figure.name()).isFinite()
        .isGreaterThanOrEqualTo(0));
    for (String name : List.of("app REST cases/s @1 threads", "app in-process cases/s @1 threads",
        "bare in-process cases/s @1 threads", "ratio app REST / bare @1 threads",
        "zhangwei: 本网格待办 page by dueDate asc p95", "zhangwei: 本网格待办 count: GET filter/{id}/count p50",
        "liuyang: 逾期督办 count: GET filter/{id}/count p95",
        "zhangwei: open Tasklist: GET filter list (itemCount=false, as 7.24) p50",
        "zhangwei: filter list with every count (itemCount=true) p95",
        "timers fired per second (mean)", "in-process start of the app (this JVM)",
        "heap used after GC (this JVM, app inside)", "visit cases started per second")) {
      assertThat(results.value("h2", name)).as(name).isPositive();
    }
    // the data the Tasklist figures were measured on: 30 visits (10 in grid-1) and the managers' supervision tasks
    assertThat(results.value("h2", "size: open tasks in grid-1")).isGreaterThanOrEqualTo(10);
    assertThat(results.value("h2", "size: open tasks for managers")).isGreaterThanOrEqualTo(2);
    assertThat(results.value("h2", "connection errors in the log")).isZero();
    assertThat(results.table()).contains("| h2 | e | import 30 households");
  }
}
