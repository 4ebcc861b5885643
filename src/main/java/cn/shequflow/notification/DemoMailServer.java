package cn.shequflow.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo profile's own SMTP and IMAP server (GreenMail), so every mail really goes out and a newcomer can read
 * the mailboxes; production points spring.mail.* at the city's real SMTP server instead.
 */
@Configuration
@Profile("!prod")
class DemoMailServer {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMailServer.class);

  @Bean(initMethod = "start", destroyMethod = "stop")
  GreenMail greenMail(@Value("${spring.mail.port}") int smtpPort, @Value("${shequ.demo-mail.imap-port}") int imapPort) {
    GreenMail greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    LOG.info("演示邮件服务器：SMTP 127.0.0.1:{}，IMAP 127.0.0.1:{}（邮箱用户名为邮件地址，密码 demo）", smtpPort, imapPort);
    return greenMail;
  }

  /** A mailbox per demo user (user name = address, password demo); residents' boxes appear when mail arrives. */
  @Bean
  org.springframework.context.ApplicationListener<org.springframework.boot.context.event.ApplicationStartedEvent>
      demoMailboxes(GreenMail greenMail, org.camunda.bpm.engine.IdentityService identityService) {
    return event -> identityService.createUserQuery().list().stream()
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .forEach(user -> greenMail.setUser(user.getEmail(), user.getEmail(), "demo"));
  }
}
