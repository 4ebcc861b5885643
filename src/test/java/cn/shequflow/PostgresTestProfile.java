package cn.shequflow;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * On the PostgreSQL pass ({@link TestDatabase#postgres()}), moves the test profile from its in-memory H2 to database
 * {@code shequ_test} on the embedded PostgreSQL server, as prod's settings would (PostgreSQL driver picked from the
 * address, Flyway on PostgreSQL); every other setting stays the test profile's. Shared by every test context of the
 * JVM, as the H2 database of the same name is. An app whose test names its own database is left alone.
 */
public class PostgresTestProfile implements EnvironmentPostProcessor, Ordered {

  /** The test profile's address (application-test.yaml). */
  static final String TEST_PROFILE_H2 = "jdbc:h2:mem:shequ-test";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!TestDatabase.postgres() || !environment.acceptsProfiles(Profiles.of("test"))) {
      return;
    }
    String url = environment.getProperty("spring.datasource.url", "");
    if (!url.startsWith(TEST_PROFILE_H2)) {
      return;
    }
    // first: above application-test.yaml; a test's @DynamicPropertySource is added later, above this
    environment.getPropertySources().addFirst(new MapPropertySource("shequ-test-postgres", Map.of(
        "spring.datasource.url", TestDatabase.postgresUrl("shequ_test"),
        "spring.datasource.username", TestDatabase.POSTGRES_USER,
        "spring.datasource.password", TestDatabase.POSTGRES_USER)));
  }

  /** After the config files are read (the test profile's address must be known). */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
