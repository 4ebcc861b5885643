/**
 * Owns what an operator watches (issue 17 item 5): the actuator's health and metrics, the engine's job backlog and
 * incidents as metrics, and that only the machine itself and the system administrators may see them.
 */
package cn.shequflow.operations;
