package cn.shequflow.mailintake;

import com.icegreen.greenmail.util.GreenMail;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The demo's community mailbox on its GreenMail server: the account the intake polls, made when the app starts. */
@Component
@Profile("!prod")
class DemoIntakeMailbox {

  DemoIntakeMailbox(GreenMail greenMail, MailIntakeProperties properties) {
    if (properties.configured() && !properties.username().isBlank()) {
      greenMail.setUser(properties.replyTo() == null ? properties.username() : properties.replyTo(),
          properties.username(), properties.password());
    }
  }
}
