/** The staff index page (/staff): the pages a logged-in worker, manager or administrator may open, in one place. */
package cn.shequflow.staff;
