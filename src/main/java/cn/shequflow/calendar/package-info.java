/** The working-day calendar: deadlines in working days from config/working-days.csv, reminder moments and the calendar warning, in the community's time zone. */
package cn.shequflow.calendar;
