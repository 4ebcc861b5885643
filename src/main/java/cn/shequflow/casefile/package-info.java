/** A resident's case from opening to close: its number and business key, first responder and grid, the checks on start input, the case variables' names, and the archive record announced as CaseClosed. */
package cn.shequflow.casefile;
