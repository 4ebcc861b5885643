package cn.shequflow.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that hold before anyone is authenticated (issue 10 items 4 and 6): the largest request body on the REST
 * APIs, and how many failed logins one source address may make in a window before it is held back, for how long
 * at first and at most (the hold doubles each time it recurs). Cookies and the session timeout are plain
 * server.servlet.* and camunda.bpm.webapp.* settings in application.yaml.
 */
@ConfigurationProperties(prefix = "shequ.security")
record SecurityProperties(
    @DefaultValue("2MB") DataSize maxBodySize,
    @DefaultValue("10") int loginFailuresPerAddress,
    @DefaultValue("PT15M") Duration loginFailureWindow,
    @DefaultValue("PT15M") Duration addressBlock,
    @DefaultValue("PT4H") Duration addressBlockMax,
    @DefaultValue("10000") int trackedAddresses) {}
