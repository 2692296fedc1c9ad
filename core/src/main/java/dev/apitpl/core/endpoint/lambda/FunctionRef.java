package dev.apitpl.core.endpoint.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a request names it (a name, a partial ARN {@code ACCOUNT:function:NAME} or a full ARN, possibly
 * ending in {@code :QUALIFIER}), checked with AWS's patterns and messages (create is stricter than the other
 * operations, as on AWS).
 *
 * @param name      the bare function name
 * @param qualifier the version or alias from the name or the {@code Qualifier} parameter, or null
 */
record FunctionRef(String name, String qualifier) {

    static final String LATEST = "$LATEST";

    private static final String CREATE_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    private static final String PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    private static final String QUALIFIER_PATTERN = "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+";
    private static final Pattern CREATE = Pattern.compile(CREATE_PATTERN);
    private static final Pattern OTHER = Pattern.compile(PATTERN);
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
    // group numbers shared by both patterns
    private static final int REGION = 3;
    private static final int ACCOUNT = 9;
    private static final int NAME = 11;
    private static final int NAME_QUALIFIER = 13;

    /** CreateFunction's reading: at most 140 characters, a bare name at most 64. */
    static FunctionRef forCreate(String functionName, Scope scope) {
        List<String> violations = new ArrayList<>();
        if (functionName.length() > 140) {
            violations.add(LambdaError.violation(functionName, "functionName", "Member must have length less than or equal to 140"));
        }
        Matcher m = CREATE.matcher(functionName);
        if (!m.matches()) {
            violations.add(patternViolation(functionName, CREATE_PATTERN));
        }
        if (!violations.isEmpty()) {
            throw LambdaError.validation(violations);
        }
        String name = m.group(NAME);
        if (name.length() > 64) {
            throw LambdaError.invalidParameter(LambdaError.validationMessage(List.of(LambdaError.violation(
                    name, "functionName", "Member must have length less than or equal to 64"))));
        }
        checkScope(m, scope);
        return new FunctionRef(name, m.group(NAME_QUALIFIER));
    }

    /** The reading of every other operation, with its optional {@code Qualifier} parameter. */
    static FunctionRef of(String functionName, String qualifierParameter, Scope scope) {
        List<String> violations = new ArrayList<>();
        if (qualifierParameter != null) {
            if (qualifierParameter.length() > 128) {
                violations.add(LambdaError.violation(qualifierParameter, "qualifier", "Member must have length less than or equal to 128"));
            } else if (!QUALIFIER.matcher(qualifierParameter).matches()) {
                violations.add(patternViolation(qualifierParameter, "qualifier", QUALIFIER_PATTERN));
            }
        }
        Matcher m = OTHER.matcher(functionName);
        if (!m.matches()) {
            violations.add(patternViolation(functionName, PATTERN));
        }
        if (!violations.isEmpty()) {
            throw LambdaError.validation(violations);
        }
        checkScope(m, scope);
        String derived = m.group(NAME_QUALIFIER);
        if (derived != null && qualifierParameter != null && !derived.equals(qualifierParameter)) {
            throw LambdaError.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(m.group(NAME), derived != null ? derived : qualifierParameter);
    }

    /** The unqualified ARN. */
    String arn(Scope scope) {
        return scope.functionArn(name);
    }

    /** The ARN with this reference's qualifier, if any. */
    String qualifiedArn(Scope scope) {
        return qualifier == null ? arn(scope) : arn(scope) + ":" + qualifier;
    }

    private static void checkScope(Matcher m, Scope scope) {
        String region = m.group(REGION);
        if (region != null) {
            region = region.substring(0, region.length() - 1);
            if (!region.equals(scope.region())) {
                throw LambdaError.notFound("Functions from '" + region + "' are not reachable in this region ('" + scope.region() + "')");
            }
        }
        String account = m.group(ACCOUNT);
        if (account != null && !account.startsWith(scope.account())) {
            throw new LambdaError("AccessDeniedException", 403, "User: arn:aws:iam::" + scope.account() + ":root is not "
                    + "authorized to access functions of account " + account.substring(0, 12)
                    + ": this local endpoint holds the functions of account " + scope.account() + " only");
        }
    }

    private static String patternViolation(String value, String pattern) {
        return patternViolation(value, "functionName", pattern);
    }

    private static String patternViolation(String value, String field, String pattern) {
        return LambdaError.violation(value, field, "Member must satisfy regular expression pattern: " + pattern);
    }
}
