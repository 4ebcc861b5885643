package cn.shequflow.notification;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The configured robot of each grid, checked at start: an https URL (plain http only to the loopback address when
 * allow-loopback-http is on, for tests) with its key; a wrong one stops the start with a Chinese reason. The key is
 * a secret: logs and the outbox only ever see {@link #masked} and {@link #fingerprint}.
 */
@Component("wecomRobots")
@EnableConfigurationProperties(WecomProperties.class)
class WecomRobots {

  private static final Logger LOG = LoggerFactory.getLogger(WecomRobots.class);

  private final Map<String, URI> byGrid = new TreeMap<>();
  private final WecomProperties properties;

  WecomRobots(WecomProperties properties) {
    this.properties = properties;
    properties.grids().forEach((grid, url) -> byGrid.put(grid, checked(grid, url, properties.allowLoopbackHttp())));
    byGrid.forEach((grid, uri) -> LOG.info("企业微信群机器人已配置：网格 {} → {}", grid, masked(uri)));
  }

  WecomProperties properties() {
    return properties;
  }

  Optional<URI> of(String grid) {
    return grid == null ? Optional.empty() : Optional.ofNullable(byGrid.get(grid));
  }

  static URI checked(String grid, String url, boolean allowLoopbackHttp) {
    String where = "企业微信群机器人地址配置错误（shequ.notices.wecom.grids." + grid + "）：";
    URI uri;
    try {
      uri = URI.create(url == null ? "" : url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + "不是有效的网址。", e);
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      throw new IllegalStateException(where + "不是有效的网址，应为 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…");
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && allowLoopbackHttp && loopback(uri.getHost());
    if (!https && !loopbackHttp) {
      throw new IllegalStateException(where + "必须使用 https（机器人密钥不得明文传输）；http 仅限测试时的本机地址。");
    }
    if (key(uri).isEmpty()) {
      throw new IllegalStateException(where + "缺少机器人密钥参数 key=…（在企业微信群的机器人资料中复制完整的 Webhook 地址）。");
    }
    return uri;
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String key(URI uri) {
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("key=") && pair.length() > 4) {
        return pair.substring(4);
      }
    }
    return "";
  }

  /** The URL with all but the key's first 4 characters hidden: what logs may show. */
  static String masked(URI uri) {
    String key = key(uri);
    String shown = key.length() <= 4 ? "" : key.substring(0, 4);
    return uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath() + "?key=" + shown + "****";
  }

  /** A stable name of the robot that reveals nothing of the key (the rate limit counts per robot URL). */
  static String fingerprint(URI uri) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(uri.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
