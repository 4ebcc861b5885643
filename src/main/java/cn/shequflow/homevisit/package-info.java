/** Home visits (home-visit.bpmn): the yearly and monthly visit plan per household, the visit record and the household's private notes. */
package cn.shequflow.homevisit;
