/** The community as the engine's identity service holds it: grids, managers, street office, who belongs where, per-case grants and Tasklist filters. */
package cn.shequflow.organisation;
