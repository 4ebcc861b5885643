/**
 * Owns how fast the engine checks who may read what: the grant checks of Tasklist's and the history's queries are
 * written so the database can answer them in one pass, without loosening them.
 */
package cn.shequflow.authorization;
