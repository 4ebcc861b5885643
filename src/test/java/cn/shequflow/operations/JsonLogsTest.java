package cn.shequflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Configuration;

/**
 * Issue 17 item 5: with the json-logs profile the app logs one JSON object a line (Elastic Common Schema), through
 * the app's own logback-spring.xml; without it, the plain lines. Each start runs in a JVM of its own, as an operator
 * starts the app: the logging system of this JVM belongs to the other tests' contexts.
 */
class JsonLogsTest {

  /** A start with only the app's configuration files and logging: the profile, then the line to log. */
  public static void main(String[] args) {
    try (var context = new SpringApplicationBuilder(NothingElse.class).web(WebApplicationType.NONE)
        .profiles(args[0]).logStartupInfo(false).run()) {
      LoggerFactory.getLogger(JsonLogsTest.class).warn(args[1]);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class NothingElse {
  }

  @Test
  @DisplayName("json-logs 配置：每行一个 JSON 对象（时间、级别、记录器、消息）；不加时是普通文本行")
  void oneJsonObjectALine() throws Exception {
    JsonNode line = new ObjectMapper().readTree(logged("json-logs", "结构化日志：一行一个 JSON"));
    String plain = logged("default", "普通日志：一行文本");

    assertThat(line.path("message").asText()).isEqualTo("结构化日志：一行一个 JSON");
    assertThat(line.path("log").path("level").asText()).isEqualTo("WARN");
    assertThat(line.path("log").path("logger").asText()).isEqualTo(JsonLogsTest.class.getName());
    assertThat(line.has("@timestamp")).isTrue();
    assertThat(plain).doesNotStartWith("{").contains(" WARN ", "普通日志：一行文本");
  }

  private static String logged(String profile, String message) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), JsonLogsTest.class.getName(), profile,
        message).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().filter(l -> l.contains(message)).findFirst().orElseThrow();
  }
}
