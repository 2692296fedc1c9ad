package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What deploy would do to the template admin API: its function, and its HTTP API (the API, the Lambda integration, the
 * IAM-authorized routes, the auto-deployed {@code $default} stage, API Gateway's permission to invoke the function).
 *
 * @param function   the admin function
 * @param apiName    the HTTP API's name
 * @param apiUrl     the API's URL when it exists, else null
 * @param apiChanges one line per change to the API and the permission, empty when none
 */
public record AdminApiPlan(FunctionPlan function, String apiName, String apiUrl, List<String> apiChanges) {

    public AdminApiPlan {
        apiChanges = List.copyOf(apiChanges);
    }

    /** Whether deploy would write nothing for the admin API. */
    public boolean unchanged() {
        return !function.publishes() && apiChanges.isEmpty();
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("admin API " + apiName + ":" + (unchanged() ? " unchanged" : "") + (apiUrl == null ? "" : " " + apiUrl));
        function.describe().forEach(line -> lines.add("  " + line));
        apiChanges.forEach(change -> lines.add("  " + change));
        return lines;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("name", apiName);
        json.put("url", apiUrl);
        json.set("function", function.toJson());
        apiChanges.forEach(json.putArray("apiChanges")::add);
        return json;
    }
}
