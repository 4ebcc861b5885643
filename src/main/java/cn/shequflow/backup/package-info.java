/** Online backup of the embedded H2 database by an administrator (PostgreSQL is backed up with pg_dump, see docs/operations.md). */
package cn.shequflow.backup;
