package cn.shequflow.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.organisation.Organisation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app but its web layer on a real PostgreSQL server (embedded binaries, no Docker): Flyway's migrations
 * and the Camunda schema are created there, the registry import writes and reads households, a reception case runs.
 */
// no web layer: Camunda's webapp filters keep the last started context in a static field, so a second web context
// in this JVM would leave the cached H2 context's Tasklist and /camunda/api failing once this class closes it
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.autoconfigure.exclude="
        + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration")
@ActiveProfiles("test")
// this context talks to a server that is stopped after the class, so it must not stay in the test context cache
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresRegistryTest {

  private static final EmbeddedPostgres POSTGRES = start();
  /** The H2 test context may be cached and running in this JVM on the test profile's fixed mail ports. */
  private static final int[] MAIL_PORTS = freePorts();

  @Autowired JdbcTemplate jdbc;
  @Autowired HouseholdImporter importer;
  @Autowired HouseholdRepository repository;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired Organisation organisation;

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("嵌入式 PostgreSQL 无法启动", e);
    }
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
    registry.add("spring.datasource.driver-class-name", () -> "org.postgresql.Driver");
    // engines register by name in Camunda's JVM-wide container: under "default" this context's close would take
    // the cached H2 context's engine away from /engine-rest and the webapps of later test classes
    registry.add("camunda.bpm.process-engine-name", () -> "postgres");
    registry.add("spring.mail.port", () -> MAIL_PORTS[0]);
    registry.add("shequ.demo-mail.imap-port", () -> MAIL_PORTS[1]);
  }

  /**
   * Stops the server after the class, but only once Spring has closed this class's context: the engine flushes
   * metrics on close, and a plain @AfterAll would run before that. JUnit closes a class's store after every
   * after-all callback, the SpringExtension's (which closes the context, see @DirtiesContext) included.
   */
  @RegisterExtension
  static final BeforeAllCallback STOP_POSTGRES_AFTER_CONTEXT = context -> context
      .getStore(ExtensionContext.Namespace.create(PostgresRegistryTest.class))
      .put("postgres", (ExtensionContext.Store.CloseableResource) POSTGRES::close);

  @Test
  @DisplayName("PostgreSQL：Flyway 迁移和 Camunda 表都建在 PostgreSQL 上")
  void migrationsAndEngineSchema_runOnPostgres() {
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    assertThat(jdbc.queryForObject(
        "select count(*) from shequ_schema_history where success and version in ('1', '2', '3')", Integer.class))
        .isEqualTo(3);
    assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'act_ru_task'",
        Integer.class)).isEqualTo(1);
    assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
  }

  @Test
  @DisplayName("R-3.1.2-1 PostgreSQL：导入户籍并读回，再导入一次全部未变化")
  void householdImport_writesAndReadsBackOnPostgres() {
    String csv = "户编号,网格,地址,户主姓名,联系电话,微信,QQ,家庭人口,特殊类型\n"
        + "PG-001,grid-1,本溪市平山区崔东街道东兴路12号楼3单元502室,孙桂兰,13941400001,,,1,独居老人、高龄老人\n"
        + "PG-002,第二网格,本溪市平山区崔东街道胜利路3号楼1单元101室,周建国,0414-2812345,zjg_0414,412345678,4,\n";

    ImportReport report = importer.importFile("pg.csv", csv.getBytes(StandardCharsets.UTF_8), progress -> {});

    assertThat(report.ok()).as(report.message() + report.errors()).isTrue();
    assertThat(report.inserted()).isEqualTo(2);
    Household sun = repository.findByNumber("PG-001").orElseThrow();
    assertThat(sun.headName()).isEqualTo("孙桂兰");
    assertThat(sun.specialTypes()).containsExactly("livingAlone", "oldOld");
    assertThat(repository.find(sun.id())).contains(sun);
    Household zhou = repository.findByNumber("PG-002").orElseThrow();
    assertThat(zhou.grid()).isEqualTo("grid-2");
    assertThat(zhou.memberCount()).isEqualTo(4);
    assertThat(zhou.specialTypes()).isEmpty();
    assertThat(repository.count()).isEqualTo(2);
    assertThat(repository.page(0, 10)).extracting(Household::householdNo).containsExactly("PG-001", "PG-002");
    assertThat(repository.page(sun.id(), 10)).extracting(Household::householdNo).containsExactly("PG-002");
    assertThat(repository.inGrid("grid-1")).containsExactly(sun);

    ImportReport again = importer.importFile("pg.csv", csv.getBytes(StandardCharsets.UTF_8), progress -> {});
    assertThat(again.unchanged()).isEqualTo(2);
    assertThat(again.inserted() + again.updated()).isZero();
  }

  @Test
  @DisplayName("PostgreSQL：受理一件居民接待事项，引擎照常工作（案件编号取自 PostgreSQL 序列）")
  void receptionCase_startsOnPostgres() {
    ProcessInstance pi = organisation.runAs("zhangwei", () -> runtimeService.startProcessInstanceByKey("reception",
        Map.of("channel", "letter", "residentName", "周建国", "residentPhone", "13941400002",
            "category", "general-inquiry", "summary", "来信咨询社区活动室开放时间", "priorityGroup", "none")));

    assertThat(pi.getBusinessKey()).matches("JD\\d{8}-\\d{5}");
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_HandleMatter");
    assertThat(task.getDueDate()).isNotNull();
    assertThat(taskService.getIdentityLinksForTask(task.getId()))
        .anyMatch(link -> "grid-1".equals(link.getGroupId()));
  }

  /** Two distinct ports that are free now (both sockets are open at once, so they cannot be the same). */
  private static int[] freePorts() {
    try (ServerSocket smtp = new ServerSocket(0); ServerSocket imap = new ServerSocket(0)) {
      return new int[] {smtp.getLocalPort(), imap.getLocalPort()};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
