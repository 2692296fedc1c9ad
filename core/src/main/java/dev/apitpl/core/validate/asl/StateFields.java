package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.QueryLanguage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The fields each state type allows, in each query language. */
final class StateFields {

    private StateFields() {}

    static final Set<String> TYPES = Set.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

    /** Fields that only JSONPath states have (where a JSONata state has a counterpart, it is named). */
    static final Map<String, String> JSONPATH_ONLY = Map.ofEntries(
            Map.entry("InputPath", "Arguments or Output"),
            Map.entry("OutputPath", "Output"),
            Map.entry("Parameters", "Arguments"),
            Map.entry("ResultSelector", "Output"),
            Map.entry("ResultPath", "Output or Assign"),
            Map.entry("Result", "Output"),
            Map.entry("ItemsPath", "Items"),
            Map.entry("TimeoutSecondsPath", "TimeoutSeconds with a {% %} expression"),
            Map.entry("HeartbeatSecondsPath", "HeartbeatSeconds with a {% %} expression"),
            Map.entry("SecondsPath", "Seconds with a {% %} expression"),
            Map.entry("TimestampPath", "Timestamp with a {% %} expression"),
            Map.entry("ErrorPath", "Error with a {% %} expression"),
            Map.entry("CausePath", "Cause with a {% %} expression"),
            Map.entry("MaxConcurrencyPath", "MaxConcurrency with a {% %} expression"),
            Map.entry("ToleratedFailurePercentagePath", "ToleratedFailurePercentage with a {% %} expression"),
            Map.entry("ToleratedFailureCountPath", "ToleratedFailureCount with a {% %} expression"),
            Map.entry("Iterator", "ItemProcessor"));

    /** Fields that only JSONata states have. */
    static final Map<String, String> JSONATA_ONLY = Map.of(
            "Arguments", "Parameters",
            "Output", "OutputPath or ResultSelector",
            "Items", "ItemsPath");

    private static final Set<String> COMMON = Set.of("Type", "Comment", "QueryLanguage");

    private static final Map<String, Set<String>> BY_TYPE = Map.of(
            "Task", Set.of("Next", "End", "Resource", "Credentials", "TimeoutSeconds", "TimeoutSecondsPath",
                    "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Arguments", "Output", "Assign"),
            "Pass", Set.of("Next", "End", "InputPath", "OutputPath", "ResultPath", "Parameters", "Result", "Output", "Assign"),
            "Choice", Set.of("Choices", "Default", "InputPath", "OutputPath", "Output", "Assign"),
            "Wait", Set.of("Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath",
                    "Output", "Assign"),
            "Succeed", Set.of("InputPath", "OutputPath", "Output"),
            "Fail", Set.of("Error", "ErrorPath", "Cause", "CausePath"),
            "Parallel", Set.of("Next", "End", "Branches", "Retry", "Catch", "InputPath", "OutputPath", "ResultPath",
                    "Parameters", "ResultSelector", "Arguments", "Output", "Assign"),
            "Map", Set.of("Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters",
                    "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath",
                    "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ToleratedFailureCount",
                    "ToleratedFailureCountPath", "Label", "Retry", "Catch", "InputPath", "OutputPath", "ResultPath",
                    "ResultSelector", "Output", "Assign"));

    private static final Map<String, Set<String>> ANY_LANGUAGE = new HashMap<>();
    private static final Map<String, Set<String>> JSONPATH = new HashMap<>();
    private static final Map<String, Set<String>> JSONATA = new HashMap<>();

    static {
        for (String type : TYPES) {
            Set<String> fields = new HashSet<>(COMMON);
            fields.addAll(BY_TYPE.get(type));
            ANY_LANGUAGE.put(type, Set.copyOf(fields));
            Set<String> jsonPath = new HashSet<>(fields);
            jsonPath.removeAll(JSONATA_ONLY.keySet());
            JSONPATH.put(type, Set.copyOf(jsonPath));
            Set<String> jsonata = new HashSet<>(fields);
            jsonata.removeAll(JSONPATH_ONLY.keySet());
            JSONATA.put(type, Set.copyOf(jsonata));
        }
    }

    /** Every field a state of this type may have in either language. */
    static Set<String> allowed(String type) {
        return ANY_LANGUAGE.getOrDefault(type, COMMON);
    }

    /** Every field a state of this type may have in this language. */
    static Set<String> allowed(String type, QueryLanguage language) {
        return (language == QueryLanguage.JSONATA ? JSONATA : JSONPATH).getOrDefault(type, COMMON);
    }
}
