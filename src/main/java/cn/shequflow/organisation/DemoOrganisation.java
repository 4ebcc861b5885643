package cn.shequflow.organisation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Creates the demo organisation of DESIGN.md (every password "demo"); never in the prod profile. */
@Component
@Profile("!prod")
class DemoOrganisation {

  private static final Logger LOG = LoggerFactory.getLogger(DemoOrganisation.class);
  static final String PASSWORD = "demo";

  private final IdentityService identityService;

  DemoOrganisation(IdentityService identityService) {
    this.identityService = identityService;
  }

  @EventListener
  @Order(10)
  public void create(ApplicationStartedEvent event) {
    group("grid-1", "第一网格", Organisation.GRID_TYPE);
    group("grid-2", "第二网格", Organisation.GRID_TYPE);
    group("grid-3", "第三网格", Organisation.GRID_TYPE);
    group(Organisation.MANAGERS, "社区书记/主任", "WORKFLOW");
    group(Organisation.STREET_OFFICE, "街道办事处", "WORKFLOW");
    group(Organisation.ANALYSTS, "流程分析员", "WORKFLOW");

    user("zhangwei", "张伟", "网格员（第一网格）", "grid-1", "0414-2812301");
    user("lina", "李娜", "网格员（第二网格）", "grid-2", "0414-2812302");
    user("wangfang", "王芳", "网格员（第三网格）", "grid-3", "0414-2812303");
    user("liuyang", "刘洋", "社区党委书记、居委会主任", Organisation.MANAGERS, "0414-2812300");
    user("chenjing", "陈静", "街道办事处社区事务科科员", Organisation.STREET_OFFICE, "0414-2816600");
    user("zhaolei", "赵磊", "流程分析员", Organisation.ANALYSTS, "");
    LOG.info("演示组织已就绪：zhangwei/lina/wangfang（网格员）、liuyang（书记）、chenjing（街道）、zhaolei（分析员）、demo（管理员），密码均为 demo");
  }

  private void group(String id, String name, String type) {
    if (identityService.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identityService.newGroup(id);
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  /** The whole Chinese name goes into firstName: the webapps print "first last", which would read 伟 张. */
  private void user(String id, String name, String post, String groupId, String phone) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setFirstName(name);
      user.setLastName("");
      user.setEmail(id + "@shequ.example");
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.setUserInfo(id, "post", post);
    }
    // the office phone a worker's mails give residents (R-1.1-2); added to demo users of an older version too
    if (!phone.isEmpty() && identityService.getUserInfo(id, "phone") == null) {
      identityService.setUserInfo(id, "phone", phone);
    }
    if (identityService.createUserQuery().userId(id).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(id, groupId);
    }
  }
}
