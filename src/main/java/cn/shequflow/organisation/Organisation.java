package cn.shequflow.organisation;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/** The community's organisation as the engine's identity service holds it: grids, managers, street office. */
@Component
public class Organisation {

  public static final String GRID_PREFIX = "grid-";
  public static final String GRID_TYPE = "grid";
  public static final String MANAGERS = "managers";
  /**
   * The community-wide intake queue (新留言与邮件): the {@code grid} of a case that came in by itself (an online
   * message, no worker logged in) until a worker claims it, and the candidate group of its waiting task.
   */
  public static final String INTAKE = "intake";
  public static final String STREET_OFFICE = "street-office";
  public static final String ANALYSTS = "analysts";
  public static final String ADMINS = "camunda-admin";

  private final IdentityService identityService;

  Organisation(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The grid group a worker belongs to, if any (the first one when several). */
  public Optional<String> gridOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).orderByGroupId().asc().list().stream()
        .map(Group::getId)
        .filter(Organisation::isGrid)
        .findFirst();
  }

  /** Whether a grid group of that id exists (a made-up id would hide a case from every worker). */
  public boolean gridExists(String grid) {
    return isGrid(grid) && grid.length() <= 64 && identityService.createGroupQuery().groupId(grid).count() > 0;
  }

  /** Group ids of a user, for authenticating them with the engine (authorizations are granted to groups). */
  public List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /** Runs an action as the given user with their groups, as the webapps and REST do after login. */
  public <T> T runAs(String userId, java.util.function.Supplier<T> action) {
    identityService.setAuthentication(userId, groupsOf(userId));
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  /**
   * Runs an action as the app itself, with no user logged in to the engine (the visit plan, the duty roster): the
   * procedures only the app may start refuse a logged-in user (issue 10 item 3), and the app's own grants need no
   * user's rights. Whoever was logged in on this thread is restored afterwards.
   */
  public <T> T runAsApp(java.util.function.Supplier<T> action) {
    org.camunda.bpm.engine.impl.identity.Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return action.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  public boolean exists(String userId) {
    return identityService.createUserQuery().userId(userId).count() > 0;
  }

  public boolean isMember(String userId, String groupId) {
    return identityService.createGroupQuery().groupMember(userId).groupId(groupId).count() > 0;
  }

  /** "张伟" for zhangwei (family name first, as written in Chinese); the id itself when the user has no name. */
  public String displayName(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return userId;
    }
    String name = (nullToEmpty(user.getLastName()) + nullToEmpty(user.getFirstName())).trim();
    return name.isEmpty() ? userId : name;
  }

  /** A group's name (第一网格 for grid-1, 街道办事处 for street-office); the id when the group has no name. */
  public String groupName(String groupId) {
    Group group = groupId == null ? null : identityService.createGroupQuery().groupId(groupId).singleResult();
    return group == null || group.getName() == null || group.getName().isBlank() ? groupId : group.getName();
  }

  /** The worker's post (职务), as their badge shows it (R-1.1-2); empty when not recorded. */
  public String post(String userId) {
    String post = userId == null ? null : identityService.getUserInfo(userId, "post");
    return post == null ? "" : post;
  }

  /**
   * The signature variables of a message a worker sends (R-1.1-2): signerName, signerPost and signerPhone (the user
   * info "phone"); all empty for no one, the system or an unknown id, so the mail is signed by the service desk.
   */
  public java.util.Map<String, Object> signer(String userId) {
    if (userId == null || userId.isBlank() || !exists(userId)) {
      return java.util.Map.of("signerName", "", "signerPost", "", "signerPhone", "");
    }
    String phone = identityService.getUserInfo(userId, "phone");
    return java.util.Map.of("signerName", displayName(userId), "signerPost", post(userId),
        "signerPhone", phone == null ? "" : phone);
  }

  /**
   * The one grid-access rule (R-4.1-1), for every check of who may read or work on a grid's cases, households and
   * documents: the grid's own workers and the community's managers (社区书记/主任); nobody else, administrators
   * included. A null grid is nobody's but the managers'.
   */
  public boolean mayAccessGrid(String userId, String grid) {
    if (userId == null || userId.isBlank()) {
      return false;
    }
    List<String> groups = groupsOf(userId);
    return groups.contains(MANAGERS) || (grid != null && isGrid(grid) && groups.contains(grid));
  }

  /** Whether the user sees every grid (the managers); everyone else sees their own grid only. */
  public boolean seesAllGrids(String userId) {
    return userId != null && isMember(userId, MANAGERS);
  }

  public List<Group> grids() {
    return identityService.createGroupQuery().list().stream().filter(g -> isGrid(g.getId())).toList();
  }

  public static boolean isGrid(String groupId) {
    return groupId != null && groupId.startsWith(GRID_PREFIX);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
