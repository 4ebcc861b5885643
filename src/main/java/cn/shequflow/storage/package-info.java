/** Where the embedded H2 database keeps its files: owner-only, and every commit written before it is acknowledged. */
package cn.shequflow.storage;
