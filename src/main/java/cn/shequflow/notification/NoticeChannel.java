package cn.shequflow.notification;

/**
 * A way internal notices reach workers: mail (always, {@link MailNoticeChannel}), a grid's WeCom group robot when
 * one is configured ({@link WecomNoticeChannel}); an SMS provider would be a third one ({@link SmsSender}). A channel
 * runs inside the transaction that caused the notice and must not send anything before it commits.
 */
public interface NoticeChannel {

  /** True when this channel takes the notice (it will go out after the commit), false when it is not for it. */
  boolean deliver(InternalNotice notice);
}
