package cn.shequflow.notification;

import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The one seam through which every internal notice goes (due soon, overdue, handover, and any later one such as a
 * new online intake): each {@link NoticeChannel} gets it — mail always, a grid's WeCom robot when configured.
 */
@Service("internalNotices")
public class InternalNotices {

  private final List<NoticeChannel> channels;

  InternalNotices(List<NoticeChannel> channels) {
    this.channels = channels;
  }

  /** True when at least one channel took the notice (false: already sent, or nobody to tell). */
  public boolean send(InternalNotice notice) {
    boolean taken = false;
    for (NoticeChannel channel : channels) {
      taken |= channel.deliver(notice);
    }
    return taken;
  }
}
