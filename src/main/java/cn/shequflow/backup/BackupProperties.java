package cn.shequflow.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the admins' online backups of the embedded H2 database go (prod: SHEQU_BACKUP_FOLDER). */
@ConfigurationProperties(prefix = "shequ.backup")
record BackupProperties(@DefaultValue("./backup") String folder) {}
