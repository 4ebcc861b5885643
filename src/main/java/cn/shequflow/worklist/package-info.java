/** What a worker's Tasklist shows beyond the engine's own screens: a task's deadline in working days on its card, and the whole case in the task's 事项经过 tab. */
package cn.shequflow.worklist;
