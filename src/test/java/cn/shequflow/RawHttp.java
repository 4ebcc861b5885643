package cn.shequflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain HTTP/1.1 client over a socket, for the attacks: it can send a body chunked or with any
 * Content-Length, keeps writing while the server answers early, and can speak from another loopback address
 * (127.0.0.2, …) so tests see distinct source addresses without trusting X-Forwarded-For.
 */
public final class RawHttp {

  public record Response(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    public List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private final int port;
  private String from;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private RawHttp(int port) {
    this.port = port;
  }

  public static RawHttp to(int port) {
    return new RawHttp(port);
  }

  /** The local (source) address to connect from, e.g. 127.0.0.2. */
  public RawHttp from(String address) {
    this.from = address;
    return this;
  }

  public RawHttp header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public RawHttp basic(String user, String password) {
    return header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public Response get(String path) throws IOException {
    return send("GET", path, null, false);
  }

  public Response post(String path, String contentType, byte[] body, boolean chunked) throws IOException {
    header("Content-Type", contentType);
    return send("POST", path, body, chunked);
  }

  /**
   * The webapp's login as Tasklist does it: open the app (session and XSRF-TOKEN cookies), then post the login form
   * with the token; from the same source address.
   */
  public Response webappLogin(String user, String password) throws IOException {
    return webappLogin("default", user, password);
  }

  /** As {@link #webappLogin(String, String)}, on the named process engine. */
  public Response webappLogin(String engine, String user, String password) throws IOException {
    Response app = new RawHttp(port).from(from).get("/camunda/app/tasklist/" + engine + "/");
    String session = cookie(app, "JSESSIONID");
    String token = cookie(app, "XSRF-TOKEN");
    String form = "username=" + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8);
    return header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + token).header("X-XSRF-TOKEN", token)
        .post("/camunda/api/admin/auth/user/" + engine + "/login/tasklist", "application/x-www-form-urlencoded",
            form.getBytes(StandardCharsets.UTF_8), false);
  }

  public static String cookie(Response response, String name) {
    for (String setCookie : response.all("Set-Cookie")) {
      if (setCookie.startsWith(name + "=")) {
        return setCookie.substring(name.length() + 1).split(";")[0];
      }
    }
    return null;
  }

  public Response send(String method, String path, byte[] body, boolean chunked) throws IOException {
    try (Socket socket = new Socket()) {
      if (from != null) {
        socket.bind(new InetSocketAddress(from, 0));
      }
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      if (body != null) {
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // the body goes out beside the reading: a server may answer (413) before it has read it all
      Thread writer = new Thread(() -> writeBody(out, body, chunked));
      writer.start();
      Response response = read(socket.getInputStream());
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return response;
    }
  }

  private static void writeBody(OutputStream out, byte[] body, boolean chunked) {
    if (body == null) {
      return;
    }
    try {
      int chunk = 64 * 1024;
      for (int offset = 0; offset < body.length; offset += chunk) {
        int length = Math.min(chunk, body.length - offset);
        if (chunked) {
          out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(body, offset, length);
        if (chunked) {
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
    } catch (IOException serverStoppedReading) {
      // expected when the server refused the body
    }
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<String> encoding = headers.get("transfer-encoding");
    List<String> length = headers.get("content-length");
    if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (length != null) {
      body.write(in.readNBytes(Integer.parseInt(length.get(0))));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
