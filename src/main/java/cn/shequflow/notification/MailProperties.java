package cn.shequflow.notification;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail settings of the app (the SMTP server itself is spring.mail.*): sender, where the analysts' templates live,
 * and the variables that may never appear in a mail body (R-1.2-7).
 */
@ConfigurationProperties(prefix = "shequ.mail")
record MailProperties(
    @DefaultValue("shequ-flow@shequ.example") String from,
    @DefaultValue("mail-templates") String templates,
    @DefaultValue({"residentPhone", "residentAddress", "householdId", "summary", "materials"}) List<String> neverInBody) {}
