/** Mail to workers and residents: the templates in mail-templates/, sending in the engine's transaction, deadline markers and the demo mailbox. */
package cn.shequflow.notification;
