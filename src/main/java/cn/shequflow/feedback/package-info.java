/** The service feedback card (R-1.2-4): issued when a case closes, the resident's rating page, and a complaint for a 不满意 rating. */
package cn.shequflow.feedback;
