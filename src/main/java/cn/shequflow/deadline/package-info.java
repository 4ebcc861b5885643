/**
 * Owns how a case's deadlines move after they were set (issue 15 items 2 and 4): they stop while the resident holds
 * the case, move by an approved extension, and follow the holiday table when it changes (every working-day date a case
 * computes is recorded and computed again), always with a line on the case.
 */
package cn.shequflow.deadline;
