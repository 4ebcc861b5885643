package cn.shequflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 4: bodies over 2 MB on /camunda/api/** and /engine-rest/** are refused with 413 and a Chinese message
 * before anything reads them or checks a login — declared (Content-Length) or streamed (chunked) — while ordinary
 * requests and the household import (its own 50 MB limit) still work. Real HTTP from a plain socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BodyLimitTest {

  private static final byte[] THREE_MB = json(3 * 1024 * 1024);

  @LocalServerPort int port;

  @Test
  @DisplayName("issue 10 item 4 匿名发送 3 MB（声明 Content-Length）：网页接口、登录和 REST 都在读取前回答 413（中文）")
  void declaredThreeMegabytes_unauthenticated_isRefusedBeforeReading() throws Exception {
    for (String path : new String[] {"/camunda/api/engine/engine/default/task",
        "/camunda/api/admin/auth/user/default/login/tasklist", "/engine-rest/task", "/engine-rest/deployment/create"}) {
      RawHttp.Response response = RawHttp.to(port).post(path, "application/json", THREE_MB, false);

      assertThat(response.status()).as(path).isEqualTo(413);
      assertThat(response.body()).as(path).contains("请求内容过大").contains("2 MB");
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }
  }

  @Test
  @DisplayName("issue 10 item 4 分块发送 3 MB（没有 Content-Length）：读到 2 MB 即停止并回答 413（中文）")
  void chunkedThreeMegabytes_isCutOffAtTheLimit() throws Exception {
    // the webapp API: the query-expression guard reads JSON bodies before any login is checked
    RawHttp.Response anonymous = RawHttp.to(port)
        .post("/camunda/api/engine/engine/default/task", "application/json", THREE_MB, true);
    assertThat(anonymous.status()).isEqualTo(413);
    assertThat(anonymous.body()).contains("请求内容过大");

    // the engine REST API checks the login first, so an anonymous body is never read at all …
    assertThat(RawHttp.to(port).post("/engine-rest/task", "application/json", THREE_MB, true).status())
        .isEqualTo(401);
    // … and a logged-in one is cut off too
    RawHttp.Response loggedIn = RawHttp.to(port).basic("zhangwei", "demo")
        .post("/engine-rest/task", "application/json", THREE_MB, true);
    assertThat(loggedIn.status()).isEqualTo(413);
    assertThat(loggedIn.body()).contains("请求内容过大");
  }

  @Test
  @DisplayName("issue 10 item 4 正常请求不受影响：1.9 MB 以内的查询照常回答，分块的小请求也一样")
  void requestsWithinTheLimit_stillWork() throws Exception {
    RawHttp.Response nearLimit = RawHttp.to(port).basic("zhangwei", "demo")
        .post("/engine-rest/task", "application/json", json(1900 * 1024), false);
    assertThat(nearLimit.status()).isEqualTo(200);
    assertThat(RawHttp.to(port).basic("zhangwei", "demo")
        .post("/engine-rest/task", "application/json", "{}".getBytes(StandardCharsets.UTF_8), true).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("issue 10 item 4 住户导入接口保留自己的 50 MB 上限：3 MB 的文件不被 413 拒绝")
  void householdImport_keepsItsOwnLimit() throws Exception {
    String boundary = "shequ-boundary";
    byte[] filler = new byte[3 * 1024 * 1024];
    Arrays.fill(filler, (byte) 'x');
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"第一网格.xlsx\"\r\n"
        + "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + filler.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(filler, 0, body, head.length, filler.length);
    System.arraycopy(tail, 0, body, head.length + filler.length, tail.length);

    RawHttp.Response response = RawHttp.to(port).basic("liuyang", "demo")
        .post("/api/households/import?wait=true", "multipart/form-data; boundary=" + boundary, body, false);

    // not an xlsx, so the importer refuses it — but it was read, not cut off at 2 MB
    assertThat(response.status()).isNotEqualTo(413).isLessThan(500);
  }

  /** A JSON object padded with spaces to the given size: valid, and an empty task query. */
  private static byte[] json(int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[size - 1] = '}';
    return body;
  }
}
