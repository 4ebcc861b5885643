package cn.shequflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Body size limit on the REST APIs before anything reads a body or checks a login (issue 10 item 4): a declared
 * Content-Length over the limit is refused at once with 413, and a body without one (chunked) is read through a
 * stream that fails as soon as the limit is passed, which is answered with the same 413. The household import
 * (/api/households/import) is outside these paths and keeps its own multipart limit.
 */
class BodyLimitFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(BodyLimitFilter.class);

  private final long limit;

  BodyLimitFilter(long limit) {
    this.limit = limit;
  }

  static String message(long limit) {
    return "请求内容过大：接口请求体不能超过 " + (limit >= 1024 * 1024 ? (limit / (1024 * 1024)) + " MB" : limit + " 字节");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(request, response);
      return;
    }
    LimitedRequest limited = new LimitedRequest(request, limit);
    try {
      chain.doFilter(limited, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!limited.exceeded) {
        throw e;
      }
    }
    if (limited.exceeded) {
      // whoever was reading gave up on the body; whatever they began to answer is replaced by the 413
      if (response.isCommitted()) {
        LOG.warn("请求体超限（{}），但响应已开始发送：{}", limit, request.getRequestURI());
        return;
      }
      response.reset();
      refuse(request, response);
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
    LOG.warn("拒绝过大的请求体：{} {}（上限 {} 字节）", request.getMethod(), request.getRequestURI(), limit);
    SecurityHeadersFilter.apply(request, response);
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    // the rest of the body is not wanted: the connection is closed instead of reading it
    response.setHeader("Connection", "close");
    response.setContentType("application/json;charset=UTF-8");
    response.getOutputStream().write(("{\"type\":\"PayloadTooLarge\",\"message\":\"" + message(limit) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    response.flushBuffer();
  }

  /** Hands out the body through a counting stream that fails once more than the limit has been read. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream stream;
    private BufferedReader reader;
    volatile boolean exceeded;

    LimitedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
              exceeded = true;
              throw new IOException(message(limit));
            }
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        reader = new BufferedReader(new InputStreamReader(getInputStream(),
            encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      }
      return reader;
    }
  }
}
