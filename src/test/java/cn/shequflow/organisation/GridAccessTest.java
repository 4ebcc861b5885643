package cn.shequflow.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** R-4.1-1: the one grid-access rule every page, endpoint and delegate asks (Organisation.mayAccessGrid). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GridAccessTest {

  @Autowired Organisation organisation;

  @Test
  @DisplayName("R-4.1-1 网格员只能访问本网格，书记/主任访问所有网格，其他人一律不能")
  void gridWorkersReachTheirGridManagersEveryGridNobodyElse() {
    assertThat(organisation.mayAccessGrid("zhangwei", "grid-1")).isTrue();
    assertThat(organisation.mayAccessGrid("zhangwei", "grid-2")).isFalse();
    assertThat(organisation.mayAccessGrid("lina", "grid-1")).isFalse();
    assertThat(organisation.mayAccessGrid("liuyang", "grid-1")).isTrue();
    assertThat(organisation.mayAccessGrid("liuyang", "grid-3")).isTrue();
    assertThat(organisation.mayAccessGrid("demo", "grid-1")).as("system administrator").isFalse();
    assertThat(organisation.mayAccessGrid("chenjing", "grid-1")).as("street office").isFalse();
    assertThat(organisation.mayAccessGrid(null, "grid-1")).isFalse();
    assertThat(organisation.mayAccessGrid("zhangwei", null)).isFalse();
    assertThat(organisation.mayAccessGrid("zhangwei", "managers")).as("a group id that is not a grid").isFalse();

    assertThat(organisation.seesAllGrids("liuyang")).isTrue();
    assertThat(organisation.seesAllGrids("zhangwei")).isFalse();
    assertThat(organisation.seesAllGrids("demo")).isFalse();
  }
}
