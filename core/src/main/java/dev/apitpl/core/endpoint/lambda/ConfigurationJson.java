package dev.apitpl.core.endpoint.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.Map;

/** The Lambda API's JSON shapes of a function configuration and of an alias, fields as AWS names and omits them. */
final class ConfigurationJson {

    private ConfigurationJson() {
    }

    /**
     * A {@code FunctionConfiguration}.
     *
     * @param arn the {@code FunctionArn} to show (unqualified, or qualified by version or alias, as AWS shows it)
     */
    static ObjectNode configuration(FunctionVersion v, String arn, Scope scope) {
        ObjectNode o = Json.object();
        o.put("FunctionName", v.name);
        o.put("FunctionArn", arn);
        o.put("Runtime", v.runtime);
        o.put("Role", v.role);
        o.put("Handler", v.handler);
        o.put("CodeSize", v.code.size());
        o.put("Description", v.description);
        o.put("Timeout", v.timeout);
        o.put("MemorySize", v.memorySize);
        o.put("LastModified", v.lastModified);
        o.put("CodeSha256", v.code.sha256());
        o.put("Version", v.version);
        if (v.environment != null) {
            ObjectNode variables = o.putObject("Environment").putObject("Variables");
            v.environment.forEach(variables::put);
        }
        o.putObject("TracingConfig").put("Mode", v.tracingMode);
        o.put("RevisionId", v.revisionId);
        o.put("State", v.state);
        putIfSet(o, "StateReason", v.stateReason);
        putIfSet(o, "StateReasonCode", v.stateReasonCode);
        putIfSet(o, "LastUpdateStatus", v.lastUpdateStatus);
        putIfSet(o, "LastUpdateStatusReason", v.lastUpdateStatusReason);
        putIfSet(o, "LastUpdateStatusReasonCode", v.lastUpdateStatusReasonCode);
        o.put("PackageType", v.packageType);
        v.architectures.forEach(o.putArray("Architectures")::add);
        o.putObject("EphemeralStorage").put("Size", v.ephemeralStorage);
        boolean snapStartOn = "PublishedVersions".equals(v.snapStartApplyOn) && !FunctionRef.LATEST.equals(v.version);
        o.putObject("SnapStart").put("ApplyOn", v.snapStartApplyOn).put("OptimizationStatus", snapStartOn ? "On" : "Off");
        o.putObject("RuntimeVersionConfig").put("RuntimeVersionArn",
                "arn:aws:lambda:" + scope.region() + "::runtime:" + JavaRuntimes.runtimeVersionId(v.runtime));
        o.putObject("LoggingConfig").put("LogFormat", "Text").put("LogGroup", "/aws/lambda/" + v.name);
        return o;
    }

    /** An {@code AliasConfiguration}. */
    static ObjectNode alias(LambdaFunction.Alias alias, Scope scope, String functionName) {
        ObjectNode o = Json.object();
        o.put("AliasArn", scope.functionArn(functionName) + ":" + alias.name());
        o.put("Name", alias.name());
        o.put("FunctionVersion", alias.functionVersion());
        o.put("Description", alias.description());
        if (!alias.weights().isEmpty()) {
            ObjectNode weights = o.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            for (Map.Entry<String, Double> w : alias.weights().entrySet()) {
                weights.put(w.getKey(), w.getValue());
            }
        }
        o.put("RevisionId", alias.revisionId());
        return o;
    }

    private static void putIfSet(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
