/** Deadlines that stop while the resident holds the case and move by an approved extension (issue 15 item 4). */
package cn.shequflow.deadline;
