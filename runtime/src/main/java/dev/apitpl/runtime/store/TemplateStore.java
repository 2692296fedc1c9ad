package dev.apitpl.runtime.store;

import dev.apitpl.runtime.error.TemplateNotFoundException;
import dev.apitpl.runtime.template.ApiTemplate;
import java.util.Optional;

/** Where the Lambda finds a template by name and HTTP method when its input names one. */
public interface TemplateStore {

    Optional<ApiTemplate> find(String name, String method);

    /** Where templates are looked up, for error messages, e.g. "DynamoDB table 'apitpl-templates'". */
    String location();

    /** The template, or {@link TemplateNotFoundException} naming the store, the name and the method. */
    default ApiTemplate require(String name, String method) {
        return find(name, method).orElseThrow(() -> new TemplateNotFoundException("No template named '" + name
                + "' with method " + method + " in " + location() + "; check the name and method (the sort key is"
                + " the upper-case HTTP method) or publish the template"));
    }
}
