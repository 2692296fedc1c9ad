package dev.apitpl.runtime.error;

/**
 * A template calls {@code secret('NAME')} and no secret has that name. The message carries the name, which is
 * not secret; a secret's value is never part of any message.
 */
public class MissingSecretException extends ApiTplException {

    private final String template;
    private final String secret;

    public MissingSecretException(String template, String secret, String field) {
        super("template '" + template + "': field '" + field + "' uses secret '" + secret
                + "', which is not defined; create it (environment variable or Secrets Manager) or fix the name");
        this.template = template;
        this.secret = secret;
    }

    public String template() {
        return template;
    }

    /** The secret's name as the template wrote it. */
    public String secret() {
        return secret;
    }
}
