package dev.apitpl.core.validate.template;

import dev.apitpl.core.validate.Severity;

/** The rules template validation applies, with stable ids and the help text reports show. */
public enum TemplateRule {
    JSON_SYNTAX("TPL-JSON-SYNTAX", Severity.ERROR,
            "A template file is well-formed JSON."),
    SCHEMA("TPL-SCHEMA", Severity.ERROR,
            "A template file matches the template JSON Schema (fields, types, required name, method and url)."),
    JINJA_SYNTAX("TPL-JINJA-SYNTAX", Severity.ERROR,
            "Every templated field (url, headers, query, body strings) parses as Jinja: closed tags and expressions."),
    JINJA_UNKNOWN_TAG("TPL-JINJA-UNKNOWN-TAG", Severity.ERROR,
            "Every {% tag %} is a Jinja tag the renderer knows."),
    JINJA_UNKNOWN_FILTER("TPL-JINJA-UNKNOWN-FILTER", Severity.ERROR,
            "Every | filter, is-test and function call names one the renderer knows."),
    JINJA_DISABLED("TPL-JINJA-DISABLED", Severity.ERROR,
            "No tag or filter the renderer's sandbox disables is used (tags include, import, from, extends, block;"
                    + " filters render, log, pprint, fromyaml, toyaml, attr)."),
    JINJA_JAVA("TPL-JINJA-JAVA", Severity.ERROR,
            "No Java method call or property read the renderer's sandbox refuses: templates call only"
                    + " dict.items()/keys()/values()/get() and loop.cycle(), and read no property of a string or number."),
    PARAM_UNDECLARED("TPL-PARAM-UNDECLARED", Severity.ERROR,
            "A parameter a field uses is declared under \"parameters\".\"properties\"."),
    PARAM_UNUSED("TPL-PARAM-UNUSED", Severity.WARNING,
            "A declared parameter is used by some field."),
    METHOD("TPL-METHOD", Severity.ERROR,
            "The method is an HTTP method: GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS."),
    METHOD_BODY("TPL-METHOD-BODY", Severity.WARNING,
            "A GET or HEAD template has no body (servers and proxies may drop it)."),
    URL("TPL-URL", Severity.ERROR,
            "The url, with its placeholders rendered, is an absolute http or https URL with a host."),
    SECRET_IN_URL("TPL-SECRET-IN-URL", Severity.WARNING,
            "secret('NAME') is not used in the url or query, which end up in access logs; send it in a header."),
    SECRET_NAME("TPL-SECRET-NAME", Severity.ERROR,
            "secret(...) takes one literal string: the name of the secret."),
    TEMPLATE_MISSING("XREF-TEMPLATE-MISSING", Severity.ERROR,
            "A template a state machine reads by a static name (DynamoDB getItem with a static PK, or a Lambda"
                    + " payload with a static templateName) is one of the project's template files, with that method.");

    private final String id;
    private final Severity severity;
    private final String description;

    TemplateRule(String id, Severity severity, String description) {
        this.id = id;
        this.severity = severity;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    /** One sentence saying what a valid template does; the help text of reports. */
    public String description() {
        return description;
    }
}
