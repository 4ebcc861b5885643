/** The working-day calendar: deadlines in working days from config/working-days.csv or, for years without rows, the statutory holidays (provisional), reminder moments, the calendar warning, and the calendar endpoints and page for every logged-in user, in the community's time zone. */
package cn.shequflow.calendar;
