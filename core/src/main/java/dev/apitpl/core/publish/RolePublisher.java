package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.PolicyVariables;
import dev.apitpl.core.policy.RolePolicy;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * {@code -Dapitpl.createRoles}: creates or updates the state machine's and the function's roles with exactly the
 * least-privilege policies {@link PolicyService} derives (one inline policy each), writing only what differs. The
 * account and partition come from STS's answer, never from a number typed by hand.
 */
final class RolePublisher {

    private final AwsClients aws;
    private final IamClient iam;

    RolePublisher(AwsClients aws) {
        this.aws = aws;
        this.iam = aws.iam();
    }

    /** The policies with the account's variables filled in; a problem that would leave a permission out is an error. */
    WorkflowPolicies policies(WorkflowDeployment deployment) throws PublishException {
        WorkflowPolicies policies = new PolicyService().derive(deployment);
        if (policies.hasErrors()) {
            throw new PublishException("The least-privilege policies cannot be derived completely, so -Dapitpl.createRoles "
                    + "would create roles missing permissions: " + String.join("; ", policies.problems().stream()
                    .map(Problem::format).toList()) + ". Fix them, or set <functionRoleArn> and <stateMachineRoleArn>");
        }
        return policies;
    }

    Map<String, String> variables(WorkflowDeployment deployment) {
        String caller = aws.call("STS", "GetCallerIdentity", () -> aws.sts().getCallerIdentity()).arn();
        String[] arn = caller.split(":");
        return PolicyVariables.of(deployment, arn[1], aws.region().id(), arn[4]);
    }

    /** Creates or updates the roles (the admin API's too when it is enabled); returns the deployment with their ARNs. */
    WorkflowDeployment apply(WorkflowDeployment deployment, Consumer<String> step) throws PublishException {
        WorkflowPolicies policies = policies(deployment);
        Map<String, String> variables = variables(deployment);
        String machineRole = ensure(roleName(deployment.stateMachine().name(), policies.stateMachine().role()),
                policies.stateMachine(), variables, step);
        String functionRole = ensure(roleName(deployment.function().name(), policies.function().role()),
                policies.function(), variables, step);
        String adminRole = deployment.adminApi().enabled() ? ensure(roleName(WorkflowDeployment.AdminApi.functionName(deployment),
                policies.adminApi().role()), policies.adminApi(), variables, step) : null;
        return withRoles(deployment, machineRole, functionRole, adminRole);
    }

    /** The deployment with the roles' ARNs if they exist, else placeholders saying deploy creates them; reads only. */
    WorkflowDeployment planned(WorkflowDeployment deployment) {
        String machineRole = arnOrPlaceholder(roleName(deployment.stateMachine().name(), PolicyService.STATE_MACHINE_ROLE));
        String functionRole = arnOrPlaceholder(roleName(deployment.function().name(), PolicyService.FUNCTION_ROLE));
        String adminRole = deployment.adminApi().enabled()
                ? arnOrPlaceholder(roleName(WorkflowDeployment.AdminApi.functionName(deployment), PolicyService.ADMIN_API_ROLE)) : null;
        return withRoles(deployment, machineRole, functionRole, adminRole);
    }

    private String arnOrPlaceholder(String name) {
        Role role = existing(name);
        return role == null ? "arn:(created by deploy):role/" + name : role.arn();
    }

    /** {@code <resource>-<RoleName>}, cut to IAM's 64 characters. */
    static String roleName(String resource, String role) {
        String name = resource + "-" + role;
        return name.length() <= 64 ? name : name.substring(0, 64);
    }

    private static WorkflowDeployment withRoles(WorkflowDeployment deployment, String machineRole, String functionRole,
                                                String adminRole) {
        WorkflowDeployment.LambdaFunction f = deployment.function();
        WorkflowDeployment.StateMachine m = deployment.stateMachine();
        return new WorkflowDeployment(deployment.definition(), deployment.substitutions(), deployment.templatesDirectory(),
                deployment.templateTable(), new WorkflowDeployment.LambdaFunction(f.name(), f.code(), f.handler(), f.runtime(),
                f.memoryMb(), f.timeoutSeconds(), functionRole, f.environment(), f.alias(), f.snapStart(), f.kmsKeyArn()),
                new WorkflowDeployment.StateMachine(m.name(), m.type(), machineRole, m.alias(), m.logging(), m.logGroupArn(),
                        m.tracing(), m.tags(), m.kmsKeyArn()),
                deployment.placeholders(), deployment.allowedDestinations(), deployment.createRoles(),
                new WorkflowDeployment.AdminApi(deployment.adminApi().enabled(), adminRole));
    }

    private String ensure(String name, RolePolicy policy, Map<String, String> variables, Consumer<String> step) {
        String trust = Json.write(policy.trustPolicy());
        String document = Json.write(policy.policyDocument(variables));
        Role role = existing(name);
        if (role == null) {
            role = aws.call("IAM", "CreateRole", () -> iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trust)
                    .description("apitpl: " + policy.role() + " with least-privilege permissions"))).role();
            step.accept("role " + name + " created");
        } else if (!sameJson(role.assumeRolePolicyDocument(), trust)) {
            aws.call("IAM", "UpdateAssumeRolePolicy", () -> iam.updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust)));
            step.accept("role " + name + " trust policy updated");
        }
        String current = inlinePolicy(name, policy.role());
        if (current == null || !sameJson(current, document)) {
            aws.call("IAM", "PutRolePolicy", () -> iam.putRolePolicy(b -> b.roleName(name).policyName(policy.role())
                    .policyDocument(document)));
            step.accept("role " + name + " policy " + policy.role() + (current == null ? " attached" : " updated"));
        }
        return role.arn();
    }

    private Role existing(String name) {
        try {
            return aws.call("IAM", "GetRole", () -> iam.getRole(b -> b.roleName(name))).role();
        } catch (AwsException e) {
            if (e.getCause() instanceof NoSuchEntityException) {
                return null;
            }
            throw e;
        }
    }

    private String inlinePolicy(String role, String policy) {
        try {
            return aws.call("IAM", "GetRolePolicy", () -> iam.getRolePolicy(b -> b.roleName(role).policyName(policy))).policyDocument();
        } catch (AwsException e) {
            if (e.getCause() instanceof NoSuchEntityException) {
                return null;
            }
            throw e;
        }
    }

    /** IAM returns documents URL-encoded and reformatted: compare their JSON. */
    static boolean sameJson(String iamDocument, String document) {
        try {
            String decoded = iamDocument.trim().startsWith("{") ? iamDocument : URLDecoder.decode(iamDocument, StandardCharsets.UTF_8);
            JsonNode a = Json.parse(decoded);
            JsonNode b = Json.parse(document);
            return a.equals(b);
        } catch (IOException e) {
            return false;
        }
    }
}
