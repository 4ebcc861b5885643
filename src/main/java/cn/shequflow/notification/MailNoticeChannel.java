package cn.shequflow.notification;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The default channel, as before: the notice's mail to its recipients, at the end of the caller's transaction. */
@Component("mailNoticeChannel")
@Order(0)
class MailNoticeChannel implements NoticeChannel {

  private final MailService mailService;

  MailNoticeChannel(MailService mailService) {
    this.mailService = mailService;
  }

  @Override
  public boolean deliver(InternalNotice notice) {
    return mailService.send(notice.eventKey(), notice.recipients(), notice.template(), notice.variables());
  }
}
