/** The service catalogue (processes/service-catalogue.dmn): what each category of matter is, who handles it, its time limit and materials. */
package cn.shequflow.catalogue;
