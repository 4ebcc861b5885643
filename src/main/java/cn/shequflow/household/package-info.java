/** The households of each grid: import from spreadsheets, the household register and profile pages, readable only by the grid's workers and managers. */
package cn.shequflow.household;
