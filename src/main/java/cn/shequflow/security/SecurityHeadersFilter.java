package cn.shequflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response (issue 10 item 1). The app's own pages (coverage, household, feedback, print,
 * audit, static files) and APIs get a strict Content-Security-Policy — scripts only from the app itself, no framing
 * by other sites — while the Camunda webapps under /camunda/ keep the policy their own header filter sets (with its
 * script nonce); everyone gets nosniff, a same-origin frame rule and a same-origin referrer, so a feedback link's
 * token never leaves in a Referer header.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  /** Also used where a response had to be reset, which drops the headers set before. */
  static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "SAMEORIGIN");
    response.setHeader("Referrer-Policy", "same-origin");
    if (!request.getRequestURI().startsWith("/camunda/")) {
      response.setHeader("Content-Security-Policy", APP_POLICY);
    }
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false; // the error page of a failed request needs the headers as much as the request did
  }
}
