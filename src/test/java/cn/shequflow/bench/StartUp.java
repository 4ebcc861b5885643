package cn.shequflow.bench;

import cn.shequflow.ShequFlowApplication;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Part (d): the app started as an operator starts it, in a JVM of its own on the database part (b) built, timed from
 * the process start to the first 200 of a worker's REST call; then a full GC (jcmd GC.run) and the heap in use
 * (jstat -gc: survivor, eden and old space used).
 */
final class StartUp {

  record Measured(double seconds, double heapMb) {}

  static Measured child(String jdbcUrl, String user, String password, Path logDir) throws Exception {
    int port = AppInstance.freePort();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), ShequFlowApplication.class.getName(),
        "--server.port=" + port, "--spring.mail.port=" + AppInstance.freePort(),
        "--shequ.demo-mail.imap-port=" + AppInstance.freePort(), "--shequ.demo.data=false",
        "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
        "--spring.datasource.password=" + password));
    Files.createDirectories(logDir);
    Path log = logDir.resolve("startup-" + System.currentTimeMillis() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().remove("SPRING_PROFILES_ACTIVE");
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/engine-rest/process-definition/key/reception"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              "zhangwei:demo".getBytes(StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).GET().build();
      long limit = started + Duration.ofMinutes(5).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("app exited during start-up, see " + log);
        }
        try {
          if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (ConnectException | java.net.http.HttpTimeoutException notYet) {
          // Tomcat opens its port late in the start
        } catch (IOException reset) {
          // the context is still starting
        }
        if (System.nanoTime() > limit) {
          throw new IllegalStateException("app not ready within 5 minutes, see " + log);
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      String pid = String.valueOf(process.pid());
      run("jcmd", pid, "GC.run");
      String[] lines = run("jstat", "-gc", pid).trim().split("\n");
      String[] names = lines[0].trim().split("\\s+");
      String[] values = lines[1].trim().split("\\s+");
      double usedKb = 0;
      for (int i = 0; i < names.length; i++) {
        if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
          usedKb += Double.parseDouble(values[i]);
        }
      }
      return new Measured(seconds, usedKb / 1024);
    } finally {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** The heap in use in this JVM after a full GC (the smoke run, whose app shares the JVM). */
  static double heapAfterGcMb() {
    System.gc();
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return (runtime.totalMemory() - runtime.freeMemory()) / 1024.0 / 1024.0;
  }
}
