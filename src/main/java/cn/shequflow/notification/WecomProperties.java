package cn.shequflow.notification;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WeCom group robots (企业微信群机器人) per grid: shequ.notices.wecom.grids.grid-1=https://qyapi.weixin.qq.com/…?key=…
 * (in an external properties file or SPRING_APPLICATION_JSON, docs/operations.md, never in the repository); which
 * templates go to the robot; the robot's limit of 20 messages a minute; plain http only to the loopback address and only when allowed (tests).
 */
@ConfigurationProperties(prefix = "shequ.notices.wecom")
record WecomProperties(
    @DefaultValue Map<String, String> grids,
    @DefaultValue({"task-due-soon", "task-overdue", "handover", "visit-overdue", "escalation-overdue",
        "duty-handover-overdue"}) List<String> templates,
    @DefaultValue("20") int perMinute,
    @DefaultValue("PT5S") Duration timeout,
    @DefaultValue("false") boolean allowLoopbackHttp) {}
