/** Deploying the analysts' models from processes/ and forms/: what may be deployed, which expressions a model may use, and the report of each deployment. */
package cn.shequflow.deployment;
