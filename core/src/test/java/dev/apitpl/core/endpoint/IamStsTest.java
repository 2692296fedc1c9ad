package dev.apitpl.core.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.StsClient;

/** IAM roles and STS identity on the endpoint, with the real SDK clients (AWS Query protocol). */
class IamStsTest {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"states.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"*\"}]}";

    @Test
    void rolesAndInlinePoliciesAreStoredAndAnswered(@TempDir Path state) throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().stateDir(state).start();
             IamClient iam = EndpointClients.iam(endpoint.url())) {
            Role role = iam.createRole(b -> b.roleName("sfn-role").assumeRolePolicyDocument(TRUST)).role();
            assertEquals("arn:aws:iam::" + LocalEndpoint.ACCOUNT_ID + ":role/sfn-role", role.arn());
            assertThrows(EntityAlreadyExistsException.class,
                    () -> iam.createRole(b -> b.roleName("sfn-role").assumeRolePolicyDocument(TRUST)));
            iam.putRolePolicy(b -> b.roleName("sfn-role").policyName("invoke").policyDocument(POLICY));
            assertEquals(List.of("invoke"), iam.listRolePolicies(b -> b.roleName("sfn-role")).policyNames());
            String document = iam.getRolePolicy(b -> b.roleName("sfn-role").policyName("invoke")).policyDocument();
            assertEquals(POLICY, URLDecoder.decode(document, StandardCharsets.UTF_8));
            iam.updateAssumeRolePolicy(b -> b.roleName("sfn-role").policyDocument(TRUST.replace("states", "lambda")));
            String trust = iam.getRole(b -> b.roleName("sfn-role")).role().assumeRolePolicyDocument();
            assertTrue(URLDecoder.decode(trust, StandardCharsets.UTF_8).contains("lambda.amazonaws.com"), trust);
            DeleteConflictException conflict = assertThrows(DeleteConflictException.class,
                    () -> iam.deleteRole(b -> b.roleName("sfn-role")));
            assertEquals(409, conflict.statusCode());
        }
        try (LocalEndpoint endpoint = LocalEndpoint.builder().stateDir(state).start();
             IamClient iam = EndpointClients.iam(endpoint.url())) {
            iam.deleteRolePolicy(b -> b.roleName("sfn-role").policyName("invoke"));
            NoSuchEntityException noPolicy = assertThrows(NoSuchEntityException.class,
                    () -> iam.getRolePolicy(b -> b.roleName("sfn-role").policyName("invoke")));
            assertEquals("The role policy with name invoke cannot be found.", noPolicy.awsErrorDetails().errorMessage());
            iam.deleteRole(b -> b.roleName("sfn-role"));
            NoSuchEntityException noRole = assertThrows(NoSuchEntityException.class,
                    () -> iam.getRole(b -> b.roleName("sfn-role")));
            assertEquals(404, noRole.statusCode());
            assertEquals("The role with name sfn-role cannot be found.", noRole.awsErrorDetails().errorMessage());
        }
    }

    @Test
    void callerIdentityIsTheFixedLocalAccount() throws Exception {
        try (LocalEndpoint endpoint = LocalEndpoint.builder().start(); StsClient sts = EndpointClients.sts(endpoint.url())) {
            var identity = sts.getCallerIdentity();
            assertEquals(LocalEndpoint.ACCOUNT_ID, identity.account());
            assertEquals("arn:aws:iam::" + LocalEndpoint.ACCOUNT_ID + ":root", identity.arn());
        }
    }
}
