package cn.shequflow.casefile;

import static cn.shequflow.DemoRest.read;
import static cn.shequflow.DemoRest.variables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.DemoRest;
import cn.shequflow.organisation.Organisation;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10 item 8 (finding 8, duplicate business key): case numbers are unique in the database, a caller's business
 * key never becomes a case number, and two cases sharing a key (left by an earlier version) no longer break the
 * other case's print pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CaseNumberUniquenessTest {

  private static final String PROXY = "/engine-rest/process-definition/key/proxy-service/start";

  @Autowired TestRestTemplate template;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired Organisation organisation;
  @Autowired CaseNumbers caseNumbers;
  @Autowired JdbcTemplate jdbc;

  DemoRest rest;

  @BeforeEach
  void init() {
    rest = new DemoRest(template);
  }

  @Test
  @DisplayName("issue 10 item 8：数据库拒绝重复的事项编号；每个事项编号登记其事项")
  void theDatabaseRefusesANumberTwice() {
    String id = read(rest.post("zhangwei", PROXY, proxy("孙桂兰"))).get("id").asText();
    String number = historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult()
        .getBusinessKey();

    assertThat(caseNumbers.owner(number)).contains(id);
    assertThatThrownBy(() -> jdbc.update("insert into case_number (case_number, process_key, process_instance_id, "
        + "assigned_at) values (?, 'proxy-service', 'other', ?)", number, new Timestamp(System.currentTimeMillis())))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  @DisplayName("issue 10 item 8 / finding 8：他人以相同业务键启动事项不再可能；旧数据中重复的业务键也不会让打印页面 500")
  void aDuplicateBusinessKeyNeverBreaksAnotherCasesPrintPages() {
    ResponseEntity<String> own = rest.post("zhangwei", PROXY, proxy("孙桂兰"));
    String ownId = read(own).get("id").asText();
    String number = read(own).get("businessKey").asText();

    ResponseEntity<String> forged = rest.post("lina", PROXY, proxy("李冒名", "businessKey", number));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read(forged).get("businessKey").asText()).startsWith("DB").isNotEqualTo(number);

    // what an earlier version allowed: a second case of grid-1 under the same number
    Map<String, Object> input = new HashMap<>(Map.of("residentName", "王冒名", "residentPhone", "13941400002",
        "proxyItem", "senior-allowance", "summary", "代办"));
    String duplicate = organisation.runAs("zhangwei",
        () -> runtimeService.startProcessInstanceByKey("proxy-service", input)).getId();
    jdbc.update("update act_ru_execution set business_key_ = ? where proc_inst_id_ = ?", number, duplicate);
    jdbc.update("update act_hi_procinst set business_key_ = ? where id_ = ?", number, duplicate);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("proxy-service")
        .processInstanceBusinessKey(number).count()).isEqualTo(2);

    ResponseEntity<String> page = rest.get("zhangwei", "/print/proxy/" + number + "/entrustment");

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("孙桂兰").doesNotContain("王冒名");
    assertThat(caseNumbers.owner(number)).contains(ownId);
  }

  private static Map<String, Object> proxy(String name, Object... body) {
    return variables(Map.of("residentName", name, "residentPhone", "13941400001", "proxyItem", "senior-allowance",
        "summary", "请社区代办", "residentAddress", "平山区崔东街道12号楼"), body);
  }
}
