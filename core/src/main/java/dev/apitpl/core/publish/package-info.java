/**
 * Publishing a template workflow to AWS (or the local endpoint): the one AWS client factory, seed, plan, deploy and
 * destroy, all reading one {@link dev.apitpl.core.publish.WorkflowDeployment}.
 */
package dev.apitpl.core.publish;
