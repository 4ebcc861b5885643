package cn.shequflow.notification;

/**
 * For later: an SMS provider (运营商短信平台) for notices to workers' phones. Not implemented and not wired: a
 * provider would implement this, and a {@link NoticeChannel} bean would render the notice (without the sensitive
 * variables, as every channel does), look up the worker's phone in the organisation and queue the text in an app
 * table drained after the commit, like {@link WecomOutbox}. See docs/operations.md（短信通知（预留））.
 */
public interface SmsSender {

  /**
   * Sends one text to one phone number; returns the provider's message id. Throws on any refusal so the caller
   * retries later: the provider's own templates, signatures and rate limits are its business.
   */
  String send(String phone, String text);
}
