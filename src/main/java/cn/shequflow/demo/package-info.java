/** The demo profile's sample cases, started as the demo users would so a newcomer's Tasklist is not empty. */
package cn.shequflow.demo;
