package cn.shequflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app in this JVM on a database of the test's own (not the shared test database): the test profile (job
 * executor off, timers fired by moving the clock), no demo cases, its own engine name, random HTTP and mail ports.
 * Called over real HTTP with HTTP Basic as the demo users (password demo).
 */
public final class OwnTestApp implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private OwnTestApp(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /** Starts the app; {@code args} name the datasource ({@code --spring.datasource.*}) and anything else to set. */
  public static OwnTestApp start(String engineName, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server.port=0");
    all.add("--spring.mail.port=" + freePort());
    all.add("--shequ.demo-mail.imap-port=" + freePort());
    all.add("--shequ.demo.data=false");
    all.add("--spring.jmx.enabled=false");
    // its own engine name: closing it leaves the engine of a cached test context beside it registered
    all.add("--camunda.bpm.process-engine-name=" + engineName);
    return new OwnTestApp(new SpringApplicationBuilder(ShequFlowApplication.class).profiles("test")
        .run(all.toArray(String[]::new)));
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** POST without a body as {@code user} (password demo; null: anonymous). */
  public HttpResponse<String> post(String path, String user) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
