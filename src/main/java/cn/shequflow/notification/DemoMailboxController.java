package cn.shequflow.notification;

import cn.shequflow.security.BasicAuthentication;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Demo profile only: the admin reads the demo mail server's mailboxes decoded, without a mail client. */
@RestController
@Profile("!prod")
class DemoMailboxController {

  private final GreenMail greenMail;
  private final BasicAuthentication authentication;

  DemoMailboxController(GreenMail greenMail, BasicAuthentication authentication) {
    this.greenMail = greenMail;
    this.authentication = authentication;
  }

  @GetMapping(path = "/api/demo/mail", produces = "application/json;charset=UTF-8")
  ResponseEntity<?> mail(@RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestParam(name = "to", required = false) String to) {
    return authentication.requireAdmin(authorization, () -> {
      List<Map<String, Object>> mails = new ArrayList<>();
      for (MimeMessage message : greenMail.getReceivedMessages()) {
        try {
          List<String> recipients = Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
          if (to == null || recipients.contains(to)) {
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("to", recipients);
            mail.put("subject", message.getSubject());
            mail.put("sentAt", message.getSentDate());
            mail.put("body", message.getContent().toString());
            mails.add(mail);
          }
        } catch (MessagingException | IOException e) {
          throw new IllegalStateException("演示邮箱读取失败", e);
        }
      }
      return ResponseEntity.ok(mails);
    });
  }
}
