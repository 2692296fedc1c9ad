package dev.apitpl.core.publish;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns the SDK's exceptions into {@link AwsException}s that say what to do. */
final class AwsErrors {

    /** IAM action prefixes of the services apitpl calls. */
    private static final Map<String, String> ACTION_PREFIX = Map.of(
            "DynamoDB", "dynamodb", "Lambda", "lambda", "SFN", "states", "IAM", "iam", "STS", "sts");
    private static final Pattern DENIED_ACTION = Pattern.compile("perform:? ([a-z0-9-]+:[A-Za-z0-9]+)");

    private AwsErrors() {}

    static AwsException translate(String service, String operation, SdkException error, AwsClients clients) {
        AwsConnection connection = clients.connection();
        String detail = AwsClients.detailOf(error);
        if (error instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null
                    ? "HTTP " + aws.statusCode() : aws.awsErrorDetails().errorCode();
            return new AwsException(service, operation, code, aws.requestId(), detail,
                    serviceFix(service, operation, code, detail, clients), error);
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")
                && message.toLowerCase(Locale.ROOT).contains("profile")) {
            return new AwsException(service, operation, "NoCredentials", null, firstLine(message),
                    "configure credentials the AWS way: 'aws configure' or 'aws sso login' (then -Dapitpl.profile=NAME "
                            + "or AWS_PROFILE), or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables, or an "
                            + "instance/task role; apitpl takes no keys as parameters", error);
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)
                || message.contains("Unable to execute HTTP request")) {
            String where = connection.endpoint() != null ? connection.endpoint().toString()
                    : "AWS in region " + clients.region();
            String fix = connection.endpoint() != null
                    ? "start the endpoint (mvn apitpl:start, or java -jar apitpl-core-cli.jar serve) or point "
                            + "-Dapitpl.endpoint (<endpoint>) at the one that is running; a rerun resumes safely"
                    : "check the network and the region (-Dapitpl.region, now " + clients.region() + "); a rerun resumes safely";
            return new AwsException(service, operation, "EndpointUnreachable", null, "cannot reach " + where
                    + " (" + rootMessage(error) + ")", fix, error);
        }
        return new AwsException(service, operation, "ClientError", null, firstLine(message), null, error);
    }

    private static String serviceFix(String service, String operation, String code, String detail, AwsClients clients) {
        if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("AuthorizationError")
                || code.equals("UnauthorizedException")) {
            Matcher action = DENIED_ACTION.matcher(String.valueOf(detail));
            String missing = action.find() ? action.group(1)
                    : ACTION_PREFIX.getOrDefault(service, service.toLowerCase(Locale.ROOT)) + ":" + operation;
            return "the identity lacks the IAM permission " + missing + " on that resource: grant it to the role or user "
                    + "that runs apitpl (mvn apitpl:policy shows what the workflow's own roles need)";
        }
        if (code.equals("UnrecognizedClientException") || code.equals("InvalidClientTokenId")
                || code.equals("InvalidSignatureException") || code.equals("SignatureDoesNotMatch")) {
            return "the credentials are not valid: check the profile (-Dapitpl.profile or AWS_PROFILE) and its keys; "
                    + "when using a local endpoint, set -Dapitpl.endpoint=http://127.0.0.1:PORT";
        }
        if (code.startsWith("ExpiredToken") || code.equals("RequestExpired")) {
            return "the session credentials expired: 'aws sso login' (or renew them) and rerun; a rerun resumes safely";
        }
        if (code.contains("Throttl") || code.equals("ProvisionedThroughputExceededException")
                || code.equals("TooManyRequestsException") || code.equals("RequestLimitExceeded")) {
            return "AWS kept throttling after " + AwsClients.MAX_ATTEMPTS + " attempts with backoff; rerun later (it resumes safely)";
        }
        if (code.equals("ResourceNotFoundException") || code.endsWith("DoesNotExist") || code.equals("NoSuchEntity")) {
            return "it does not exist in region " + clients.region() + "; if it is in another region set -Dapitpl.region";
        }
        return null;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
