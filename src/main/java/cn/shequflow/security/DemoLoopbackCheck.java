package cn.shequflow.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Demo passwords only on loopback (issue 10 item 1): every profile but prod creates users whose password is "demo",
 * so such a start on any address other than a loopback one (or on all interfaces, when server.address is empty) is
 * refused before anything listens. The way onto a network is the prod profile, which has no demo users and enforces
 * the password policy; there is deliberately no switch to open the demo.
 */
public class DemoLoopbackCheck implements EnvironmentPostProcessor {

  static final String MESSAGE = "演示配置（默认配置）的账号密码都是 demo，只允许在本机回环地址（127.0.0.1）上监听，"
      + "拒绝在“%s”上启动。要让其他电脑访问，请使用生产配置 --spring.profiles.active=prod（不创建演示账号、强制密码策略），"
      + "并放在 HTTPS 反向代理之后；只想从另一台电脑看演示，请用 SSH 隧道：ssh -L 8080:127.0.0.1:8080 服务器。"
      + " The demo profile (password demo) listens on loopback only; use the prod profile to serve a network.";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
      return;
    }
    String address = environment.getProperty("server.address", "").trim();
    if (!isLoopback(address)) {
      throw new IllegalStateException(MESSAGE.formatted(address.isEmpty() ? "所有网络接口" : address));
    }
  }

  static boolean isLoopback(String address) {
    if (address.isEmpty()) {
      return false; // Tomcat then listens on every interface
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException unknown) {
      return false;
    }
  }
}
