package dev.apitpl.core.endpoint.stepfunctions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Step Functions ARNs: made for the endpoint's account and read back with AWS's InvalidArn messages. */
final class Arns {

    private static final Pattern STATE_MACHINE = Pattern.compile(
            "arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:]+)(?::([^:]+))?");
    private static final Pattern EXECUTION = Pattern.compile(
            "arn:aws[a-z-]*:states:([a-z0-9-]+):(\\d{12}):(execution|express):([^:]+):([^:]+)(?::([^:]+))?");
    /** AWS's alias names: at least one non-digit, letters, digits, {@code _-.} only. */
    static final Pattern ALIAS_NAME = Pattern.compile("^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$");
    private static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]{1,80}");

    private Arns() {}

    /**
     * A parsed state machine ARN: {@code qualifier} is null for the state machine itself, digits for a version,
     * otherwise an alias name.
     */
    record MachineArn(String region, String account, String name, String qualifier) {

        String unqualified() {
            return stateMachine(region, account, name);
        }

        boolean isVersion() {
            return qualifier != null && qualifier.chars().allMatch(Character::isDigit);
        }

        boolean isAlias() {
            return qualifier != null && !isVersion();
        }
    }

    /** A parsed execution ARN of a STANDARD state machine. */
    record ExecutionArn(String region, String account, String machineName, String executionName) {
    }

    static String stateMachine(String region, String account, String name) {
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
    }

    static MachineArn machine(String arn) {
        requirePrefix(arn);
        Matcher matcher = STATE_MACHINE.matcher(arn);
        if (!matcher.matches()) {
            throw new SfnException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                    + resourceType(arn) + "'");
        }
        return new MachineArn(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
    }

    /** An execution ARN that DescribeExecution, StopExecution and GetExecutionHistory accept. */
    static ExecutionArn execution(String arn) {
        requirePrefix(arn);
        Matcher matcher = EXECUTION.matcher(arn);
        if (!matcher.matches() || matcher.group(3).equals("express")) {
            throw new SfnException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                    + resourceType(arn) + "'");
        }
        return new ExecutionArn(matcher.group(1), matcher.group(2), matcher.group(4), matcher.group(5));
    }

    private static void requirePrefix(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            throw new SfnException("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: " + arn + "'");
        }
    }

    private static String resourceType(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 5 ? parts[5] : arn;
    }

    /** Checks a state machine, execution or activity name as AWS does, with its InvalidName message. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SfnException("InvalidName", "Invalid Name: '" + name + "'");
        }
        return name;
    }
}
