/**
 * Bad input answered with a 4xx and a Chinese message on every entry point (engine REST, the webapps' REST, the app's
 * own endpoints and pages, Tomcat itself), never a 5xx or a stack trace, and logged as one WARN line (issue 10 item 10).
 */
package cn.shequflow.errors;
