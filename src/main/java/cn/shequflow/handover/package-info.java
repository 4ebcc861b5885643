/** Handing a worker's open tasks to a colleague (R-4.1-2): reassigning them with a comment on each, and telling the new holder by mail. */
package cn.shequflow.handover;
