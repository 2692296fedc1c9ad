package dev.apitpl.core.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.policy.WorkflowPolicies;
import dev.apitpl.core.validate.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * What synth wrote.
 *
 * @param yaml     {@code template.yaml}
 * @param json     {@code template.json}, the same template
 * @param template the template as a tree
 * @param policies the policies the template's roles carry
 * @param warnings validation warnings (the template was still written)
 */
public record SynthResult(Path yaml, Path json, ObjectNode template, WorkflowPolicies policies, List<Problem> warnings) {

    public SynthResult {
        warnings = List.copyOf(warnings);
    }
}
