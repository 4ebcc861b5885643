/** The case register (事项台账): one row per resident case, kept up to date as the case moves, and its search for workers, managers and the street office. */
package cn.shequflow.register;
