/** Writing residents' text into CSV and Excel files so that no spreadsheet ever runs it as a formula. */
package cn.shequflow.spreadsheet;
