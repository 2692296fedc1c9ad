package dev.apitpl.core.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.json.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One IAM policy statement. Resources are ARN patterns in CloudFormation {@code Fn::Sub} syntax: {@code ${AWS::Region}},
 * {@code ${AWS::AccountId}}, {@code ${AWS::Partition}} and the names of {@link PolicyVariables}; synth writes them as
 * they are, the {@code policy} goal and deploy fill them in with {@link #render(Map)}.
 *
 * @param sid       the statement's id (letters and digits)
 * @param effect    always {@code Allow}: least privilege grants, it does not carve exceptions
 * @param actions   the actions, sorted
 * @param resources the resources, sorted; {@link #ANY_RESOURCE} only for actions AWS does not scope to a resource
 */
public record Statement(String sid, String effect, List<String> actions, List<String> resources) {

    /** The resource of actions that AWS authorises only on {@code *} (log delivery, X-Ray); never used otherwise. */
    public static final String ANY_RESOURCE = "*";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}");

    public Statement {
        actions = actions.stream().sorted().distinct().toList();
        resources = resources.stream().sorted().distinct().toList();
    }

    static Statement allow(String sid, List<String> actions, List<String> resources) {
        return new Statement(sid, "Allow", actions, resources);
    }

    /** The statement as IAM JSON, each {@code ${Name}} with a value in {@code variables} filled in. */
    public ObjectNode render(Map<String, String> variables) {
        ObjectNode statement = Json.object();
        statement.put("Sid", sid);
        statement.put("Effect", effect);
        ArrayNode actionArray = statement.putArray("Action");
        actions.forEach(actionArray::add);
        ArrayNode resourceArray = statement.putArray("Resource");
        resources.forEach(resource -> resourceArray.add(fill(resource, variables)));
        return statement;
    }

    /** {@code pattern} with each variable that has a value replaced; the others stay as written. */
    public static String fill(String pattern, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        return matcher.appendTail(out).toString();
    }
}
