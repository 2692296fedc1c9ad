package dev.apitpl.runtime.error;

/** No template exists under the requested name and method in the template table. */
public class TemplateNotFoundException extends ApiTplException {

    public TemplateNotFoundException(String message) {
        super(message);
    }

    public TemplateNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
