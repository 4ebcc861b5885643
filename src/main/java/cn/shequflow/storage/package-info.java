/**
 * How the database keeps the data: the embedded H2's files owner-only with every commit written before it is
 * acknowledged, and PostgreSQL's driver set to send the engine's batched inserts as multi-row statements.
 */
package cn.shequflow.storage;
