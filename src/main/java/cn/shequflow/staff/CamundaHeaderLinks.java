package cn.shequflow.staff;

import cn.shequflow.organisation.Organisation;
import cn.shequflow.security.BasicAuthentication;
import cn.shequflow.security.StaffPages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/staff/header-links}: the app pages Tasklist's and Cockpit's header link to for the logged-in user
 * (issue 14 item 3) — 服务指标 for the community's managers and the street office, 事项台账 for whoever may see the
 * register (grid workers, managers, the street office); an empty list for anyone else, 401 without a login.
 */
@RestController
class CamundaHeaderLinks {

  private final BasicAuthentication authentication;
  private final StaffPages pages;
  private final Organisation organisation;

  CamundaHeaderLinks(BasicAuthentication authentication, StaffPages pages, Organisation organisation) {
    this.authentication = authentication;
    this.pages = pages;
    this.organisation = organisation;
  }

  /** A link of the header: its Chinese label and the app page it opens. */
  record Link(String label, String href) {}

  @GetMapping(path = "/api/staff/header-links", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> links(HttpServletRequest request) {
    return authentication.withUser(request, user -> {
      List<Link> links = new ArrayList<>();
      if (organisation.isMember(user, Organisation.MANAGERS)
          || organisation.isMember(user, Organisation.STREET_OFFICE)) {
        links.add(new Link("服务指标", "/staff/dashboard"));
      }
      if (pages.maySeeRegister(user)) {
        links.add(new Link("事项台账", "/staff/cases"));
      }
      return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(links);
    });
  }
}
