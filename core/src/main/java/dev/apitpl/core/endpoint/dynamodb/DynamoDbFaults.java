package dev.apitpl.core.endpoint.dynamodb;

/**
 * Injected DynamoDB faults, so that clients' retry paths can be tested: a share of write calls answered with
 * {@code ProvisionedThroughputExceededException}, and a share of BatchWriteItem's items handed back as
 * {@code UnprocessedItems}. Rates are between 0 and 1; {@code seed} makes a run repeatable.
 *
 * @param throttledWriteRate       share of PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems
 *                                 calls refused as throttled
 * @param unprocessedItemRate      share of the items of a BatchWriteItem not written and returned as unprocessed
 * @param seed                     the random seed
 */
public record DynamoDbFaults(double throttledWriteRate, double unprocessedItemRate, long seed) {

    /** No faults. */
    public static final DynamoDbFaults NONE = new DynamoDbFaults(0, 0, 0);

    public DynamoDbFaults {
        check("throttledWriteRate", throttledWriteRate);
        check("unprocessedItemRate", unprocessedItemRate);
    }

    private static void check(String name, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("DynamoDB fault rate " + name + " must be between 0 and 1, was " + rate);
        }
    }

    /** Whether any fault is injected at all. */
    public boolean any() {
        return throttledWriteRate > 0 || unprocessedItemRate > 0;
    }
}
