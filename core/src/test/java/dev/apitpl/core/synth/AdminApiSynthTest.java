package dev.apitpl.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.core.policy.PolicyService;
import dev.apitpl.core.policy.ReferenceProject;
import dev.apitpl.core.policy.RolePolicy;
import dev.apitpl.core.policy.Statement;
import dev.apitpl.runtime.admin.AdminApi;
import dev.apitpl.runtime.admin.TemplateAdminLambda;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policy and synth cover the template admin API: its own role on the one table, its function, an IAM-auth HTTP API. */
class AdminApiSynthTest {

    @TempDir
    Path dir;

    @Test
    void policyLeavesTheAdminRoleOutWhenTheAdminApiIsOff() {
        var off = new PolicyService().derive(ReferenceProject.deployment().withAdminApi(
                dev.apitpl.core.publish.WorkflowDeployment.AdminApi.OFF));
        assertEquals(List.of(PolicyService.STATE_MACHINE_ROLE, PolicyService.FUNCTION_ROLE),
                off.roles().stream().map(RolePolicy::role).toList());
        assertEquals(3, new PolicyService().derive(ReferenceProject.deployment()).roles().size());
    }

    @Test
    void theAdminRoleMayDoExactlyWhatItsHandlerDoesOnTheOneTable() {
        RolePolicy role = new PolicyService().derive(ReferenceProject.deployment()).adminApi();
        assertEquals(PolicyService.ADMIN_API_ROLE, role.role());
        Statement table = role.statement(PolicyService.SID_MANAGE_TEMPLATES).orElseThrow();
        assertEquals(AdminApi.DYNAMODB_ACTIONS, table.actions());
        assertEquals(List.of("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}"),
                table.resources());
        assertEquals(List.of("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/"
                + "${FunctionName}-admin:log-stream:*"),
                role.statement(PolicyService.SID_FUNCTION_LOG_STREAMS).orElseThrow().resources());
        assertEquals(3, role.statements().size(), role.statements().toString());
    }

    @Test
    void theTemplateHasTheAdminFunctionBehindAnIamAuthHttpApi() throws Exception {
        JsonNode resources = new SynthService().synth(new SynthRequest(ReferenceProject.deployment(),
                dir.resolve("target/apitpl"), "dev")).template().get("Resources");
        JsonNode function = resources.get(WorkflowTemplate.ADMIN_FUNCTION).get("Properties");
        assertEquals(TemplateAdminLambda.HANDLER, function.get("Handler").asText());
        assertEquals("{\"Ref\":\"TemplateTable\"}", function.at("/Environment/Variables/APITPL_TEMPLATE_TABLE").toString());
        assertEquals("{\"Fn::GetAtt\":[\"AdminApiFunctionRole\",\"Arn\"]}", function.get("Role").toString());
        assertEquals("/templates/{proxy+}", function.at("/Events/Template/Properties/Path").asText());
        assertEquals("{\"Ref\":\"AdminHttpApi\"}", function.at("/Events/Templates/Properties/ApiId").toString());
        JsonNode api = resources.get(WorkflowTemplate.ADMIN_API);
        assertEquals("AWS::Serverless::HttpApi", api.get("Type").asText());
        assertEquals("AWS_IAM", api.at("/Properties/Auth/DefaultAuthorizer").asText());
        assertEquals(true, api.at("/Properties/Auth/EnableIamAuthorizer").asBoolean());
    }

    @Test
    void withoutAdminApiTheStackHasNoneOfItsResourcesOrOutputs() throws Exception {
        JsonNode template = new SynthService().synth(new SynthRequest(ReferenceProject.deployment()
                .withAdminApi(dev.apitpl.core.publish.WorkflowDeployment.AdminApi.OFF), dir.resolve("off"), "dev")).template();
        for (String id : new String[] {WorkflowTemplate.ADMIN_FUNCTION, WorkflowTemplate.ADMIN_API, "AdminApiFunctionRole"}) {
            assertEquals(false, template.get("Resources").has(id), id);
        }
        for (String output : new String[] {StackOutputs.ADMIN_API_URL, StackOutputs.ADMIN_API_FUNCTION_NAME,
                StackOutputs.ADMIN_API_FUNCTION_ROLE_ARN}) {
            assertEquals(false, template.get("Outputs").has(output), output);
        }
        assertEquals(true, template.get("Resources").has(WorkflowTemplate.FUNCTION));
    }
}
