package cn.shequflow.security;

import cn.shequflow.organisation.Organisation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** HTTP Basic against the engine's users, for the app's own admin endpoints. */
@Component
public class BasicAuthentication {

  private final IdentityService identityService;
  private final Organisation organisation;

  BasicAuthentication(IdentityService identityService, Organisation organisation) {
    this.identityService = identityService;
    this.organisation = organisation;
  }

  /** Runs the action for a member of camunda-admin; 401 without valid credentials, 403 for anyone else. */
  public ResponseEntity<?> requireAdmin(String header, Supplier<ResponseEntity<?>> action) {
    return requireGroup(header, Set.of(Organisation.ADMINS), "仅系统管理员可以重新部署模型", user -> action.get());
  }

  /** Runs the action for a member of one of the groups, with the user id; 401 without credentials, else 403. */
  public ResponseEntity<?> requireGroup(String header, Set<String> groups, String forbidden,
      Function<String, ResponseEntity<?>> action) {
    String user = authenticatedUser(header);
    if (user == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"shequ-flow\"")
          .body(Map.of("message", "需要登录（HTTP Basic）"));
    }
    if (groups.stream().noneMatch(group -> organisation.isMember(user, group))) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("message", forbidden));
    }
    return action.apply(user);
  }

  /**
   * 401 with {@code {"message": …}} and no Basic challenge: the JSON endpoints the staff pages call would otherwise
   * make the browser pop up its own login box once the Tasklist session has run out.
   */
  public static ResponseEntity<?> notLoggedIn(String message) {
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .body(Map.of("message", message));
  }

  /**
   * Runs the action for whoever is calling ({@link #currentUser}), with the user id; 401 and
   * {@code {"message": "请先登录"}} when nobody is logged in. For the JSON endpoints any logged-in user may call,
   * which then check the grid themselves.
   */
  public ResponseEntity<?> withUser(jakarta.servlet.http.HttpServletRequest request,
      Function<String, ResponseEntity<?>> action) {
    String user = currentUser(request);
    if (user == null) {
      return notLoggedIn("请先登录");
    }
    return action.apply(user);
  }

  /**
   * Who is calling: the user logged in to the Camunda webapps (same session), else a valid HTTP Basic header; null
   * when neither.
   */
  public String currentUser(jakarta.servlet.http.HttpServletRequest request) {
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    if (session != null) {
      var authentications = org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil.getAuthsFromSession(session);
      var engine = authentications == null ? null : authentications.getAuthenticationForProcessEngine("default");
      if (engine != null) {
        return engine.getName();
      }
    }
    return authenticatedUser(request.getHeader("Authorization"));
  }

  /** The user id when the header carries a valid user and password, else null. */
  String authenticatedUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String user = decoded.substring(0, colon);
    if (!identityService.checkPassword(user, decoded.substring(colon + 1))) {
      return null;
    }
    // the audit log names this user for what the engine then does unauthenticated (the admins' redeploy)
    jakarta.servlet.http.HttpServletRequest request = CurrentRequest.get();
    if (request != null) {
      request.setAttribute(CurrentRequest.USER, user);
    }
    return user;
  }
}
