package cn.shequflow.storage;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Flyway migrations on the engine's own ACT_* tables (indexes the engine does not ship), per database vendor in
 * {@code db/engine/{vendor}}, with their own history table. They run once the process engine has been built: Spring
 * Boot's Flyway (the app's tables, {@code db/migration}) runs before the engine, and on a fresh database the ACT_*
 * tables only exist after the engine's {@code schema-update} created them.
 */
@Component
class EngineTableMigrations {

  private static final Logger LOG = LoggerFactory.getLogger(EngineTableMigrations.class);
  static final String HISTORY_TABLE = "shequ_engine_schema_history";

  // the engine parameter is what orders this bean after the engine's schema creation
  EngineTableMigrations(ProcessEngine engine, DataSource dataSource) throws MetaDataAccessException {
    String vendor = DatabaseDriver.fromJdbcUrl(
        JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL)).getId();
    migrate(dataSource, vendor);
  }

  /** Applies db/engine/{vendor}; nothing (not even a history table) for a vendor that has no folder there. */
  static void migrate(DataSource dataSource, String vendor) {
    String folder = "db/engine/" + vendor;
    if (!new ClassPathResource(folder).exists()) {
      return;
    }
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:" + folder)
        .table(HISTORY_TABLE)
        // the schema holds the engine's and the app's tables already: start the history at version 0
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    if (result.migrationsExecuted > 0) {
      LOG.info("引擎表迁移：已执行 {} 项（{}）", result.migrationsExecuted, folder);
    }
  }
}
