package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import dev.apitpl.core.validate.ValidationReport;
import dev.apitpl.core.validate.ValidationRequest;
import dev.apitpl.core.validate.ValidationService;
import dev.apitpl.core.validate.asl.StateMachineType;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.ApiTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Plan, deploy and destroy of one {@link WorkflowDeployment}: validate, seed the templates, publish the function and
 * move its alias, publish the state machine and move its alias last, so that a failure anywhere leaves the state
 * machine's alias on the version that was serving. Every write is preceded by a read and skipped when nothing changed;
 * a rerun after a failure resumes where it stopped. Each deploy writes {@value #REPORT} into the report directory.
 */
public final class WorkflowPublisher {

    public static final String REPORT = "deploy-report.json";
    public static final String PLAN = "plan.json";
    /** What AWS said of java17 and java11, for the message that refuses them. */
    static final String DEPRECATION = "AWS deprecated the java17 and java11 Lambda runtimes on 2026-06-30 and has "
            + "refused to create functions on them since 2026-07-31 (updates since 2026-08-31)";

    private final AwsClients aws;
    private final Consumer<String> log;
    private final Path reportDirectory;

    public WorkflowPublisher(AwsClients aws, Consumer<String> log, Path reportDirectory) {
        this.aws = aws;
        this.log = log;
        this.reportDirectory = reportDirectory;
    }

    /** What deploy would change; writes nothing to AWS, and the plan as JSON into the report directory. */
    public DeployPlan plan(WorkflowDeployment deployment, TemplateSeeder.Options options) throws PublishException {
        check(deployment);
        RolePublisher roles = new RolePublisher(aws);
        JsonNode policies = policies(roles, deployment);
        if (deployment.createRoles()) {
            deployment = roles.planned(deployment);
        }
        WorkflowDeployment target = deployment;
        List<ApiTemplate> templates = ProjectTemplates.read(deployment.templatesDirectory());
        TemplateSeeder.Options planOptions = new TemplateSeeder.Options(true, options.force(), options.prune(), true);
        SeedPlan seed = new TemplateSeeder(aws, log).plan(deployment.templateTable(), templates, planOptions);
        FunctionPublisher function = new FunctionPublisher(aws, deployment, deployment.function().roleArn());
        FunctionPlan functionPlan = function.plan(options.force());
        String aliasArn = functionPlan.exists() && functionPlan.aliasVersion() != null
                ? aws.call("Lambda", "GetAlias", () -> aws.lambda().getAlias(b -> b.functionName(function.name())
                        .name(target.function().alias())).aliasArn())
                : "arn:(known after deploy):function:" + function.name() + ":" + deployment.function().alias();
        String definition = DeployedDefinition.render(deployment, aliasArn);
        StateMachinePlan machine = new StateMachinePublisher(aws, deployment.stateMachine(), deployment.stateMachine().roleArn())
                .plan(definition, options.force());
        AdminApiPlan admin = deployment.adminApi().enabled()
                ? new AdminApiPublisher(aws, deployment).plan(options.force()) : null;
        DeployPlan plan = new DeployPlan(seed, functionPlan, machine, policies, admin);
        write(PLAN, plan.toJson());
        return plan;
    }

    /** The derived policies for plan, or null when the account cannot be asked (they are then left out). */
    private JsonNode policies(RolePublisher roles, WorkflowDeployment deployment) {
        try {
            return new dev.apitpl.core.policy.PolicyService().derive(deployment).toJson(roles.variables(deployment)).get("roles");
        } catch (AwsException | java.io.UncheckedIOException e) {
            log.accept("plan: policies left out (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Deploys; returns the plan it carried out ({@link DeployPlan#unchanged()} when it wrote nothing). */
    public DeployPlan deploy(WorkflowDeployment deployment, TemplateSeeder.Options options) throws PublishException {
        DeployReport report = new DeployReport(log);
        try {
            check(deployment);
            validate(deployment);
            report.done("validate", "no errors");
            if (deployment.createRoles() && !options.dryRun()) {
                deployment = new RolePublisher(aws).apply(deployment, line -> report.done("roles", line));
            }
            DeployPlan plan = plan(deployment, options);
            if (options.dryRun()) {
                plan.lines().forEach(log);
                report.finish("dry-run");
                return plan;
            }
            List<ApiTemplate> templates = ProjectTemplates.read(deployment.templatesDirectory());
            SeedResult seeded = new TemplateSeeder(aws, log).seed(deployment.templateTable(), templates, options);
            report.done("seed", seeded.summary());
            FunctionPublisher function = new FunctionPublisher(aws, deployment, deployment.function().roleArn());
            String functionAlias = function.apply(plan.function(), line -> report.done("function", line));
            if (plan.adminApi() != null) {
                String url = new AdminApiPublisher(aws, deployment).apply(plan.adminApi(), line -> report.done("adminApi", line));
                report.put("adminApiUrl", url);
                log.accept("deploy: the template admin API is at " + url + " (IAM auth: sign requests with SigV4 for execute-api)");
            }
            String definition = DeployedDefinition.render(deployment, functionAlias);
            StateMachinePublisher machine = new StateMachinePublisher(aws, deployment.stateMachine(),
                    deployment.stateMachine().roleArn());
            StateMachinePlan machinePlan = machine.plan(definition, options.force());
            String machineAlias = machine.apply(machinePlan, definition, line -> report.done("stateMachine", line));
            report.put("stateMachineAliasArn", machineAlias);
            report.put("functionAliasArn", functionAlias);
            boolean unchanged = plan.unchanged() && seeded.writes() == 0;
            log.accept(unchanged ? "deploy: unchanged (no write made); executions start on " + machineAlias
                    : "deploy: done; executions start on " + machineAlias);
            report.finish(unchanged ? "unchanged" : "deployed");
            return plan;
        } catch (PublishException | RuntimeException e) {
            report.failed(e);
            throw new PublishException(report.failureMessage(e), e);
        } finally {
            write(REPORT, report.toJson());
        }
    }

    /**
     * Deletes the state machine, the function (versions and aliases with them) and, when the project has it, the admin
     * API (its HTTP API and function); the table only when asked.
     */
    public List<String> destroy(WorkflowDeployment deployment, boolean deleteTable, boolean force) throws PublishException {
        List<String> done = new ArrayList<>();
        WorkflowDeployment.StateMachine machine = deployment.stateMachine();
        if (new StateMachinePublisher(aws, machine, machine.roleArn()).delete(force)) {
            done.add("state machine " + machine.name() + " deleted with its versions and aliases");
        }
        if (new FunctionPublisher(aws, deployment, deployment.function().roleArn()).delete(force)) {
            done.add("function " + deployment.function().name() + " deleted with its versions and aliases");
        }
        if (deployment.adminApi().enabled() && new AdminApiPublisher(aws, deployment).delete(force)) {
            done.add("admin API " + WorkflowDeployment.AdminApi.functionName(deployment)
                    + " deleted: its HTTP API and its function with its versions and aliases");
        }
        if (deleteTable) {
            TemplateTable table = new TemplateTable(aws, deployment.templateTable());
            if (table.exists()) {
                aws.call("DynamoDB", "DeleteTable", () -> aws.dynamoDb().deleteTable(b -> b.tableName(deployment.templateTable())));
                done.add("table " + deployment.templateTable() + " deleted with its templates");
            }
        } else {
            done.add("table " + deployment.templateTable() + " kept (-Dapitpl.deleteTable=true deletes it and its templates)");
        }
        done.forEach(line -> log.accept("destroy: " + line));
        return done;
    }

    /** Settings deploy cannot do without, each named by its parameter. */
    static void check(WorkflowDeployment deployment) throws PublishException {
        WorkflowDeployment.LambdaFunction function = deployment.function();
        String runtime = function.runtime() == null ? WorkflowDeployment.DEFAULT_RUNTIME : function.runtime();
        if (!WorkflowDeployment.SUPPORTED_RUNTIMES.contains(runtime)) {
            throw new PublishException("Runtime " + runtime + " is not supported: " + (runtime.matches("java(8|8\\.al2|11|17)")
                    ? DEPRECATION : "apitpl publishes to " + WorkflowDeployment.SUPPORTED_RUNTIMES)
                    + ". Set <runtime> (-Dapitpl.runtime) to java25 (the default) or java21");
        }
        if (deployment.templateTable() == null || deployment.templateTable().isBlank()) {
            throw new PublishException("No template table named: set <templateTable> (-Dapitpl.templateTable)");
        }
        if (function.name() == null || function.name().isBlank()) {
            throw new PublishException("No function named: set <functionName> (-Dapitpl.functionName)");
        }
        if (deployment.stateMachine().name() == null || deployment.stateMachine().name().isBlank()) {
            throw new PublishException("No state machine named: set <stateMachineName> (-Dapitpl.stateMachineName)");
        }
        if (!deployment.createRoles()) {
            if (function.roleArn() == null || function.roleArn().isBlank()) {
                throw new PublishException("The function " + function.name() + " needs an execution role: set <functionRoleArn> "
                        + "(-Dapitpl.functionRoleArn=arn:aws:iam::ACCOUNT:role/NAME), or -Dapitpl.createRoles=true to let deploy "
                        + "create it with the least-privilege policy (mvn apitpl:policy shows it)");
            }
            if (deployment.stateMachine().roleArn() == null || deployment.stateMachine().roleArn().isBlank()) {
                throw new PublishException("The state machine " + deployment.stateMachine().name() + " needs an execution role: "
                        + "set <stateMachineRoleArn> (-Dapitpl.stateMachineRoleArn=arn:aws:iam::ACCOUNT:role/NAME), or "
                        + "-Dapitpl.createRoles=true to let deploy create it with the least-privilege policy");
            }
        }
        if (deployment.adminApi().enabled() && !deployment.createRoles()
                && (deployment.adminApi().roleArn() == null || deployment.adminApi().roleArn().isBlank())) {
            throw new PublishException("The admin API's function " + WorkflowDeployment.AdminApi.functionName(deployment)
                    + " needs an execution role: set <adminFunctionRoleArn> (-Dapitpl.adminFunctionRoleArn=arn:aws:iam::"
                    + "ACCOUNT:role/NAME), or -Dapitpl.createRoles=true to let deploy create it with the least-privilege "
                    + "policy (AdminApiFunctionRole in mvn apitpl:policy), or -Dapitpl.adminApi=false");
        }
        String type = deployment.stateMachine().type() == null ? "" : deployment.stateMachine().type().toUpperCase(Locale.ROOT);
        if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
            throw new PublishException("State machine type '" + deployment.stateMachine().type() + "' is neither STANDARD nor "
                    + "EXPRESS: set <stateMachineType> (-Dapitpl.stateMachineType)");
        }
    }

    private void validate(WorkflowDeployment deployment) throws PublishException {
        List<Path> templateFiles;
        try (Stream<Path> walk = Files.walk(deployment.templatesDirectory())) {
            templateFiles = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new PublishException("Cannot read the templates directory " + deployment.templatesDirectory() + ": " + e.getMessage(), e);
        }
        ValidationReport report = new ValidationService().validate(new ValidationRequest(List.of(deployment.definition()),
                templateFiles, deployment.substitutions(), true,
                StateMachineType.valueOf(deployment.stateMachine().type().toUpperCase(Locale.ROOT)), null, false));
        List<Problem> errors = report.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            errors.forEach(problem -> log.accept(problem.format()));
            throw new PublishException("Validation failed, nothing was deployed: " + report.summary() + System.lineSeparator()
                    + String.join(System.lineSeparator(), errors.stream().limit(10).map(Problem::format).toList())
                    + System.lineSeparator() + "(fix them; mvn apitpl:validate lists them with hints)");
        }
    }

    private void write(String file, ObjectNode json) {
        if (reportDirectory == null) {
            return;
        }
        try {
            Files.createDirectories(reportDirectory);
            Files.writeString(reportDirectory.resolve(file), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            log.accept("apitpl: could not write " + reportDirectory.resolve(file) + ": " + e.getMessage());
        }
    }

    /** The steps of one deploy, as they complete. */
    private static final class DeployReport {
        private final Consumer<String> log;
        private final ObjectNode json = Json.object();
        private final ArrayNode steps = json.putArray("steps");
        private final List<String> completed = new ArrayList<>();

        DeployReport(Consumer<String> log) {
            this.log = log;
            json.put("status", "running");
        }

        void done(String step, String detail) {
            steps.addObject().put("step", step).put("status", "done").put("detail", detail);
            completed.add(detail);
            log.accept(step.equals("function") || step.equals("stateMachine") || step.equals("adminApi") ? "deploy: " + detail : "deploy: " + step + ": " + detail);
        }

        void put(String field, String value) {
            json.put(field, value);
        }

        void finish(String status) {
            json.put("status", status);
        }

        void failed(Exception e) {
            json.put("status", "failed");
            json.put("error", e.getMessage());
            json.put("resume", "rerun deploy: it resumes safely, skipping what is already done");
        }

        String failureMessage(Exception e) {
            return "deploy failed: " + e.getMessage() + (completed.isEmpty() ? ". Nothing was changed"
                    : ". Completed before the failure: " + String.join("; ", completed)
                    + ". The state machine's alias still serves the version it served; rerun deploy to resume safely");
        }

        ObjectNode toJson() {
            return json;
        }
    }
}
