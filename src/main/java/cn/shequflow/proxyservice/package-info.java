/** Proxy service for residents (代办, proxy-service.bpmn): registering the errand, its items and materials, progress, and the printed documents. */
package cn.shequflow.proxyservice;
