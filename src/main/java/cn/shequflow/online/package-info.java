/** Residents reach the community themselves: the public online-message page and API, and the progress lookup. */
package cn.shequflow.online;
