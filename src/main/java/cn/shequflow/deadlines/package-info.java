/** Deadlines that follow the holiday table (issue 15 item 2): every working-day date a case computes is recorded, and when the table changes the dates are computed again and moved wherever the case holds them, with a line on the case and a notice to its holder. */
package cn.shequflow.deadlines;
