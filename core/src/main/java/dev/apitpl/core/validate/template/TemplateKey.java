package dev.apitpl.core.validate.template;

/**
 * How a template is addressed in the template table: partition key = name, sort key = HTTP method.
 *
 * @param name the template's name
 * @param method the HTTP method, upper case
 */
public record TemplateKey(String name, String method) {

    @Override
    public String toString() {
        return name + " " + method;
    }
}
