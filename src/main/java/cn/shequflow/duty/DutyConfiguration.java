package cn.shequflow.duty;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link DutyProperties}, so the duty needs nothing in application.yaml unless its defaults change. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DutyProperties.class)
class DutyConfiguration {}
