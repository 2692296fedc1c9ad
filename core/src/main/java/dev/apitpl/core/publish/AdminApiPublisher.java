package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.admin.TemplateAdminLambda;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.AuthorizationType;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Publishes the template admin API: its function ({@link TemplateAdminLambda}, the same jar, through
 * {@link FunctionPublisher}: version and alias), and an API Gateway HTTP API in front of the function's alias: one
 * Lambda proxy integration (payload format 2.0), the routes {@link #ROUTE_KEYS} with {@code AWS_IAM} authorization,
 * the {@code $default} stage with auto-deploy, and the function's permission for {@code apigateway.amazonaws.com}
 * from this API only. Each part is read first and written only when missing or different.
 */
final class AdminApiPublisher {

    /** The routes of the admin API, as synth declares them. */
    static final List<String> ROUTE_KEYS = List.of("ANY /templates", "ANY /templates/{proxy+}");
    static final String STAGE = "$default";
    static final String PAYLOAD_FORMAT = "2.0";
    /** The statement id of API Gateway's permission in the function's resource policy. */
    static final String STATEMENT_ID = "apitpl-admin-api-invoke";
    private static final String PRINCIPAL = "apigateway.amazonaws.com";
    private static final String PENDING_ALIAS = "arn:(known after deploy)";

    private final AwsClients aws;
    private final ApiGatewayV2Client apiGateway;
    private final WorkflowDeployment deployment;
    private final FunctionPublisher function;
    private final String name;

    AdminApiPublisher(AwsClients aws, WorkflowDeployment deployment) throws PublishException {
        this.aws = aws;
        this.apiGateway = aws.apiGateway();
        this.deployment = deployment;
        this.name = WorkflowDeployment.AdminApi.functionName(deployment);
        this.function = new FunctionPublisher(aws, functionDeployment(deployment), deployment.adminApi().roleArn());
    }

    /** The deployment whose function is the admin function: its handler, timeout, role and only the table's variable. */
    private static WorkflowDeployment functionDeployment(WorkflowDeployment deployment) {
        WorkflowDeployment.LambdaFunction f = deployment.function();
        WorkflowDeployment.LambdaFunction admin = new WorkflowDeployment.LambdaFunction(
                WorkflowDeployment.AdminApi.functionName(deployment), f.code(), TemplateAdminLambda.HANDLER, f.runtime(),
                f.memoryMb(), WorkflowDeployment.AdminApi.TIMEOUT_SECONDS, deployment.adminApi().roleArn(), Map.of(),
                f.alias(), f.snapStart());
        return new WorkflowDeployment(deployment.definition(), deployment.substitutions(), deployment.templatesDirectory(),
                deployment.templateTable(), admin, deployment.stateMachine(), deployment.placeholders(), List.of(),
                deployment.createRoles(), deployment.adminApi());
    }

    /** What deploy would do; reads only. */
    AdminApiPlan plan(boolean force) throws PublishException {
        FunctionPlan functionPlan = function.plan(force);
        String aliasArn = functionPlan.exists() && functionPlan.aliasVersion() != null
                ? aws.call("Lambda", "GetAlias", () -> aws.lambda().getAlias(b -> b.functionName(name)
                        .name(deployment.function().alias())).aliasArn())
                : PENDING_ALIAS;
        Api api = find();
        if (api != null) {
            FunctionPublisher.refuseStackManaged(api.tags(), force);
        }
        return new AdminApiPlan(functionPlan, name, api == null ? null : api.apiEndpoint(), reconcile(api, aliasArn, null));
    }

    /** Applies the plan: the function first, then the API; returns the API's URL. */
    String apply(AdminApiPlan plan, Consumer<String> step) {
        String aliasArn = function.apply(plan.function(), step);
        Api api = find();
        if (api == null) {
            api = aws.call("ApiGatewayV2", "CreateApi", () -> {
                var created = apiGateway.createApi(b -> b.name(name).protocolType(ProtocolType.HTTP)
                        .description("apitpl template admin API of " + deployment.templateTable() + " (IAM auth)")
                        .tags(deployment.stateMachine().tags()));
                return Api.builder().apiId(created.apiId()).apiEndpoint(created.apiEndpoint()).name(created.name()).build();
            });
            step.accept("admin API " + name + " created: " + api.apiEndpoint());
        }
        reconcile(api, aliasArn, step);
        return api.apiEndpoint();
    }

    /** Deletes the HTTP API and the admin function; false when neither existed. */
    boolean delete(boolean force) throws PublishException {
        Api api = find();
        if (api != null) {
            FunctionPublisher.refuseStackManaged(api.tags(), force);
            aws.call("ApiGatewayV2", "DeleteApi", () -> apiGateway.deleteApi(b -> b.apiId(api.apiId())));
        }
        return function.delete(force) | api != null;
    }

    /**
     * Brings the API to what it should be: with {@code step} null it only says what it would change (nothing when
     * {@code api} does not exist yet but that it is created), else it writes each difference and reports it.
     */
    private List<String> reconcile(Api api, String aliasArn, Consumer<String> step) {
        List<String> changes = new ArrayList<>();
        if (api == null) {
            changes.add("create HTTP API " + name + ": Lambda proxy integration (payload " + PAYLOAD_FORMAT + "), routes "
                    + String.join(", ", ROUTE_KEYS) + " with AWS_IAM, stage " + STAGE + " (auto-deploy), permission for "
                    + PRINCIPAL);
            return changes;
        }
        String apiId = api.apiId();
        Integration integration = null;
        for (Integration candidate : aws.call("ApiGatewayV2", "GetIntegrations",
                () -> apiGateway.getIntegrations(b -> b.apiId(apiId)).items())) {
            if (candidate.integrationType() == IntegrationType.AWS_PROXY) {
                integration = candidate;
                break;
            }
        }
        String integrationId;
        if (integration == null) {
            changes.add("integration -> " + aliasArn + " created");
            integrationId = step == null ? "(new)" : aws.call("ApiGatewayV2", "CreateIntegration", () -> apiGateway
                    .createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS_PROXY).integrationUri(aliasArn)
                            .payloadFormatVersion(PAYLOAD_FORMAT).timeoutInMillis(WorkflowDeployment.AdminApi.TIMEOUT_SECONDS * 1000))
                    .integrationId());
        } else {
            integrationId = integration.integrationId();
            if (!aliasArn.equals(integration.integrationUri()) || !PAYLOAD_FORMAT.equals(integration.payloadFormatVersion())) {
                changes.add("integration " + integration.integrationUri() + " (payload " + integration.payloadFormatVersion()
                        + ") -> " + aliasArn + " (payload " + PAYLOAD_FORMAT + ")");
                if (step != null) {
                    aws.call("ApiGatewayV2", "UpdateIntegration", () -> apiGateway.updateIntegration(b -> b.apiId(apiId)
                            .integrationId(integrationId).integrationUri(aliasArn).payloadFormatVersion(PAYLOAD_FORMAT)));
                }
            }
        }
        routes(apiId, integrationId, step, changes);
        stage(apiId, step, changes);
        permission(apiId, aliasArn, step, changes);
        if (step != null) {
            changes.forEach(change -> step.accept("admin API " + name + ": " + change));
        }
        return changes;
    }

    private void routes(String apiId, String integrationId, Consumer<String> step, List<String> changes) {
        List<Route> routes = aws.call("ApiGatewayV2", "GetRoutes", () -> apiGateway.getRoutes(b -> b.apiId(apiId)).items());
        String target = "integrations/" + integrationId;
        for (String key : ROUTE_KEYS) {
            Route route = routes.stream().filter(r -> key.equals(r.routeKey())).findFirst().orElse(null);
            if (route == null) {
                changes.add("route " + key + " (AWS_IAM) created");
                if (step != null) {
                    aws.call("ApiGatewayV2", "CreateRoute", () -> apiGateway.createRoute(b -> b.apiId(apiId).routeKey(key)
                            .authorizationType(AuthorizationType.AWS_IAM).target(target)));
                }
            } else if (route.authorizationType() != AuthorizationType.AWS_IAM || !target.equals(route.target())) {
                changes.add("route " + key + ": authorization " + route.authorizationTypeAsString() + " -> AWS_IAM, target "
                        + route.target() + " -> " + target);
                if (step != null) {
                    aws.call("ApiGatewayV2", "UpdateRoute", () -> apiGateway.updateRoute(b -> b.apiId(apiId)
                            .routeId(route.routeId()).authorizationType(AuthorizationType.AWS_IAM).target(target)));
                }
            }
        }
    }

    private void stage(String apiId, Consumer<String> step, List<String> changes) {
        Stage stage = aws.call("ApiGatewayV2", "GetStages", () -> apiGateway.getStages(b -> b.apiId(apiId)).items())
                .stream().filter(s -> STAGE.equals(s.stageName())).findFirst().orElse(null);
        if (stage == null) {
            changes.add("stage " + STAGE + " (auto-deploy) created");
            if (step != null) {
                aws.call("ApiGatewayV2", "CreateStage", () -> apiGateway.createStage(b -> b.apiId(apiId).stageName(STAGE)
                        .autoDeploy(true)));
            }
        } else if (!Boolean.TRUE.equals(stage.autoDeploy())) {
            changes.add("stage " + STAGE + ": auto-deploy turned on");
            if (step != null) {
                aws.call("ApiGatewayV2", "UpdateStage", () -> apiGateway.updateStage(b -> b.apiId(apiId).stageName(STAGE)
                        .autoDeploy(true)));
            }
        }
    }

    /** API Gateway's permission to invoke the function's alias, from this API only. */
    private void permission(String apiId, String aliasArn, Consumer<String> step, List<String> changes) {
        String sourceArn = sourceArn(aliasArn, apiId);
        String current = aliasArn.equals(PENDING_ALIAS) ? null : currentSourceArn();
        if (sourceArn.equals(current)) {
            return;
        }
        changes.add("permission for " + PRINCIPAL + " from " + sourceArn + (current == null ? " added" : " (was " + current + ")"));
        if (step == null) {
            return;
        }
        String alias = deployment.function().alias();
        if (current != null) {
            aws.call("Lambda", "RemovePermission", () -> aws.lambda().removePermission(b -> b.functionName(name)
                    .qualifier(alias).statementId(STATEMENT_ID)));
        }
        aws.call("Lambda", "AddPermission", () -> aws.lambda().addPermission(b -> b.functionName(name).qualifier(alias)
                .statementId(STATEMENT_ID).action("lambda:InvokeFunction").principal(PRINCIPAL).sourceArn(sourceArn)));
    }

    /** {@code arn:PARTITION:execute-api:REGION:ACCOUNT:API_ID/*}, from the alias ARN AWS answered. */
    private String sourceArn(String aliasArn, String apiId) {
        String[] arn = aliasArn.split(":");
        if (arn.length < 5 || aliasArn.equals(PENDING_ALIAS)) {
            return "arn:(known after deploy):execute-api:" + apiId + "/*";
        }
        return "arn:" + arn[1] + ":execute-api:" + arn[3] + ":" + arn[4] + ":" + apiId + "/*";
    }

    /** The source ARN of apitpl's statement in the alias's resource policy, or null when there is none. */
    private String currentSourceArn() {
        String policy;
        try {
            policy = aws.call("Lambda", "GetPolicy", () -> aws.lambda().getPolicy(b -> b.functionName(name)
                    .qualifier(deployment.function().alias())).policy());
        } catch (AwsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
        try {
            for (JsonNode statement : Json.parse(policy).path("Statement")) {
                if (STATEMENT_ID.equals(statement.path("Sid").asText())) {
                    return statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText("");
                }
            }
        } catch (IOException e) {
            return "";
        }
        return null;
    }

    /** The HTTP API named {@link #name}, or null. */
    private Api find() {
        String token = null;
        do {
            String next = token;
            GetApisResponse page = aws.call("ApiGatewayV2", "GetApis", () -> apiGateway.getApis(b -> b.nextToken(next)));
            for (Api api : page.items()) {
                if (name.equals(api.name())) {
                    return api;
                }
            }
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return null;
    }
}
