package dev.apitpl.core.asl;

import java.math.BigDecimal;
import java.util.List;

/**
 * One entry of a state's {@code Retry}, with AWS's defaults applied where a field is absent: IntervalSeconds 1,
 * MaxAttempts 3, BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy NONE.
 *
 * @param errorEquals the error names it handles
 * @param intervalSeconds seconds before the first retry
 * @param maxAttempts most retries (0: never)
 * @param backoffRate what each interval is multiplied by
 * @param maxDelaySeconds the longest interval, or null for no limit
 * @param fullJitter whether JitterStrategy is FULL (a random delay up to the interval)
 * @param location where the retrier is written
 */
public record Retrier(List<String> errorEquals, BigDecimal intervalSeconds, int maxAttempts, BigDecimal backoffRate,
                      BigDecimal maxDelaySeconds, boolean fullJitter, Location location) {

    static Retrier of(AslNode node) {
        return new Retrier(Catcher.errorEquals(node), number(node.get("IntervalSeconds"), BigDecimal.ONE),
                number(node.get("MaxAttempts"), BigDecimal.valueOf(3)).intValue(),
                number(node.get("BackoffRate"), BigDecimal.valueOf(2)), number(node.get("MaxDelaySeconds"), null),
                node.get("JitterStrategy") != null && "FULL".equals(node.get("JitterStrategy").text()), node.location());
    }

    private static BigDecimal number(AslNode value, BigDecimal absent) {
        return value != null && value.isNumber() ? value.decimal() : absent;
    }

    /** Whether this retrier handles {@code error} raised by a state of {@code type}. */
    public boolean handles(String error, StateType type) {
        return ErrorNames.handles(errorEquals, error, type);
    }
}
