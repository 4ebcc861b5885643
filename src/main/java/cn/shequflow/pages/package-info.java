/** The community's look on the app's own pages (feedback card, receipt, print, message and error pages): the community's name, logo and phone on every page. */
package cn.shequflow.pages;
