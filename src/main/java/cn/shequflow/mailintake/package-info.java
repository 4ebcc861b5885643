/** E-mail intake (电子邮件来信): the community mailbox polled over IMAP, each new mail a reception case, a resident's reply threaded onto its case, and every mail to the resident answered in the same thread. */
package cn.shequflow.mailintake;
