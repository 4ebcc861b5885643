package cn.shequflow.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where the analysts' models live: a folder holding processes/ and forms/ (else the copies inside the jar). */
@ConfigurationProperties(prefix = "shequ.models")
record ModelProperties(@DefaultValue(".") String root) {}
