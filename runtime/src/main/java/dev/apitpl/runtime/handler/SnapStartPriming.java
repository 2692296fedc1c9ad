package dev.apitpl.runtime.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.http.ApiResponse;
import dev.apitpl.runtime.json.Json;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialised environment, run every step of an invocation
 * except the network calls (decode a template item, render it, guard and build the request, parse a body,
 * shape the result) and build the DynamoDB client, so restored environments start with those classes
 * loaded and the hot paths already interpreted. Without SnapStart, {@code org.crac} never calls it.
 */
final class SnapStartPriming implements Resource {

    private static final String SAMPLE_TEMPLATE = """
            {"name": "apitpl-priming", "method": "POST",
             "url": "https://priming.invalid/items/{{ id }}",
             "headers": {"Accept": "application/json", "Authorization": "Bearer {{ secret('PRIMING') }}"},
             "query": {"verbose": "{{ verbose }}"},
             "body": {"id": "{{ id }}", "note": "{{ note | upper }}"},
             "timeout": "PT5S"}
            """;

    static SnapStartPriming register() {
        SnapStartPriming priming = new SnapStartPriming();
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: no connection was opened and no credential was fetched before the snapshot
    }

    /** One offline pass over the invocation path; returns the rendered URL so tests can see it ran. */
    static String prime() throws Exception {
        ApiTemplate template = TemplateCodec.fromJson(Json.parse(SAMPLE_TEMPLATE));
        JsonNode item = Json.parse(Json.write(TemplateCodec.toDynamoJson(template)));
        ApiTemplate decoded = TemplateCodec.fromDynamoJson(item);
        JsonNode params = Json.parse("{\"id\": 42, \"verbose\": true, \"note\": \"primed\"}");
        String url = GenericApiCallLambda.RENDERER.render(decoded, params, name -> Optional.of("priming-secret")).uri().toString();

        GenericApiCallLambda.resultOf(new ApiResponse(200, Map.of("content-type", List.of("application/json")),
                Json.parse("{\"ok\": true}"), 1), GenericApiCallLambda.DEFAULT_MAX_RESULT_BYTES);
        GenericApiCallLambda.Deployment deployment;
        try {
            deployment = GenericApiCallLambda.Deployment.SHARED.get();
        } catch (ApiTplException badConfiguration) {
            return url; // every invocation reports it by name; the snapshot holds the rest of the path
        }
        deployment.caller.warmUp();
        if (deployment.hasTemplateTable()) {
            deployment.store(); // builds the DynamoDB client; no call is made
        }
        return url;
    }
}
