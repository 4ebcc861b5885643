package cn.shequflow.storage;

import cn.shequflow.ShequFlowApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
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
 * The packaged app as an operator runs it, in a JVM of its own (the test classpath, working directory of the test's
 * choosing), so a test can kill it with SIGKILL and start it again on the same data.
 */
final class ChildApp implements AutoCloseable {

  /** Start-up on two shared cores takes 10–30 s; beyond this something is wrong, and the log says what. */
  private static final Duration START_WITHIN = Duration.ofSeconds(180);

  final int port;
  private final Process process;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ChildApp(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** Starts the app in {@code workDir} on free ports, demo data off, and returns once it serves reception starts. */
  static ChildApp start(Path workDir, String logName, List<String> extraArgs) throws IOException, InterruptedException {
    int[] ports = freePorts(3);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"),
        ShequFlowApplication.class.getName(),
        "--server.port=" + ports[0],
        "--spring.mail.port=" + ports[1],
        "--shequ.demo-mail.imap-port=" + ports[2],
        // the demo households, visits and cases only lengthen the start; the demo users are what the burst needs
        "--shequ.demo.data=false"));
    command.addAll(extraArgs);
    Path log = workDir.resolve(logName);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // the default profile, as an operator starts it: nothing of the build's environment picks another one
    builder.environment().remove("SPRING_PROFILES_ACTIVE");
    ChildApp app = new ChildApp(ports[0], builder.start(), log);
    try {
      app.awaitReady();
    } catch (RuntimeException | Error e) {
      app.kill();
      throw e;
    }
    return app;
  }

  /** Polls the reception definition as a worker: 200 once the models are deployed and the demo users exist. */
  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_WITHIN.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("应用进程启动失败（退出码 " + process.exitValue() + "）：\n" + tail());
      }
      try {
        if (get("/engine-rest/process-definition/key/reception").statusCode() == 200) {
          return;
        }
      } catch (ConnectException notListeningYet) {
        // Tomcat opens the port only near the end of start-up
      } catch (IOException e) {
        // a reset while the context is still starting: try again
      }
      process.waitFor(500, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("应用在 " + START_WITHIN.toSeconds() + " 秒内没有就绪：\n" + tail());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
    return http.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(120))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("zhangwei:demo".getBytes(StandardCharsets.UTF_8)));
  }

  /** SIGKILL: no shutdown hook, no pool close, no database close — what {@code kill -9} and a crash do. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "（无法读取日志 " + log + "：" + e + "）";
    }
  }

  static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    int[] ports = new int[count];
    try {
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    return ports;
  }
}
