/** Notices to workers and mail to residents: the templates in mail-templates/, mail in the engine's transaction, internal notices to WeCom group robots after the commit, deadline markers and the demo mailbox. */
package cn.shequflow.notification;
