package cn.shequflow.operations;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /actuator/*} (health with its details, metrics) answers only the machine itself and the system
 * administrators: a request from a loopback address that no proxy forwarded (a forwarded one came from outside,
 * whatever address nginx connects from), or a member of camunda-admin (the webapps' session or HTTP Basic). Anyone
 * else gets 401 (not logged in) or 403, in Chinese, and learns nothing of the app's state.
 */
class OperatorEndpointsFilter extends OncePerRequestFilter {

  private static final String[] FORWARDING = {"Forwarded", "X-Forwarded-For", "X-Real-IP"};

  private final BasicAuthentication authentication;
  private final Organisation organisation;

  OperatorEndpointsFilter(BasicAuthentication authentication, Organisation organisation) {
    this.authentication = authentication;
    this.organisation = organisation;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (fromThisMachine(request)) {
      chain.doFilter(request, response);
      return;
    }
    String user = authentication.currentUser(request);
    if (user != null && organisation.isMember(user, Organisation.ADMINS)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(user == null ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/json;charset=UTF-8");
    String message = user == null ? "运行状态和指标只对本机和系统管理员开放，请以管理员身份登录"
        : "运行状态和指标只对系统管理员开放";
    response.getOutputStream().write(("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  static boolean fromThisMachine(HttpServletRequest request) {
    for (String header : FORWARDING) {
      if (request.getHeader(header) != null) {
        return false;
      }
    }
    try {
      return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
