package dev.apitpl.runtime.error;

/** The template table could not be read (permissions, throttling, network, missing table). */
public class TemplateStoreException extends ApiTplException {

    public TemplateStoreException(String message) {
        super(message);
    }

    public TemplateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
