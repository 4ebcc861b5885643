package cn.shequflow.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import java.sql.Timestamp;
import java.util.Date;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The household page (/households/{id}, R-3.1.2-6) as templates/household/profile.html renders it: the registry's
 * and the visit profile's text is shown as text, whatever a sheet or a visit form put into it (issue 12).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HouseholdPageTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired HouseholdProfiles profiles;

  @Test
  @DisplayName("issue 12 住户页面：户主、地址和家庭档案中的 HTML 被转义显示；档案未建时提示；其他网格 403，不存在 404")
  void householdPage_escapesRegistryAndProfileText() throws Exception {
    long id = household("T-PAGE-1", "<script>alert('head')</script>", "崔东街道\"><img src=x>1单元");

    RawHttp.Response before = RawHttp.to(port).basic("zhangwei", "demo").get("/households/" + id);
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.header("Content-Type")).startsWith("text/html");
    assertThat(before.body()).doesNotContain("<script>", "<img src=x>")
        .contains("&lt;script&gt;alert(&#39;head&#39;)&lt;/script&gt;", "崔东街道&quot;&gt;&lt;img src=x&gt;1单元")
        .contains("<title>住户 T-PAGE-1</title>", "尚未建立档案（首次走访时填写）。", "独居老人");

    profiles.save(id, new HouseholdProfiles.Profile("<i>三口之家</i>", "楼房", null, "退休", "良好", null, "医保"),
        "zhangwei", Date.from(java.time.Instant.parse("2026-12-02T01:06:14.457Z")));
    String after = RawHttp.to(port).basic("zhangwei", "demo").get("/households/" + id).body();
    assertThat(after).doesNotContain("<i>三口之家</i>", "尚未建立档案")
        .contains("&lt;i&gt;三口之家&lt;/i&gt;", "居住条件", "楼房", "记录人、时间", "张伟，2026年12月2日 09:06")
        .doesNotContain("zhangwei，", "01:06:14");

    RawHttp.Response otherGrid = RawHttp.to(port).basic("lina", "demo").get("/households/" + id);
    assertThat(otherGrid.status()).isEqualTo(403);
    assertThat(otherGrid.body()).contains("您无权查看其他网格的住户信息").doesNotContain("alert");
    RawHttp.Response missing = RawHttp.to(port).basic("zhangwei", "demo").get("/households/999999999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("住户 999999999 不存在");
    assertThat(RawHttp.to(port).get("/households/" + id).status()).isEqualTo(401);
  }

  private long household(String number, String head, String address) {
    jdbc.update("insert into household (household_no, grid, address, head_name, phone, special_types, content_hash, "
        + "imported_at) values (?, ?, ?, ?, ?, ?, ?, ?)", number, "grid-1", address, head, "13941409998",
        "livingAlone", "test", new Timestamp(System.currentTimeMillis()));
    return jdbc.queryForObject("select id from household where household_no = ?", Long.class, number);
  }
}
