package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.QueryLanguage;
import dev.apitpl.core.asl.StateScope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The Map state's fields: ItemProcessor or Iterator, ItemSelector or Parameters, Items/ItemsPath, concurrency and
 * tolerated failures, Label, ItemReader, ItemBatcher, ResultWriter, and the item processor's ProcessorConfig.
 */
final class MapRules {

    private final FieldChecks fields;
    private final Findings findings;
    private final PayloadRules payloads;

    MapRules(FieldChecks fields, PayloadRules payloads) {
        this.fields = fields;
        this.findings = fields.findings;
        this.payloads = payloads;
    }

    /** A distributed Map runs its item processor as child workflows, which choose their own query language. */
    static boolean inDistributedProcessor(AslState state) {
        for (StateScope scope = state.scope(); scope.owner() != null; scope = scope.owner().scope()) {
            AslNode config = scope.node().get("ProcessorConfig");
            AslNode mode = config == null ? null : config.get("Mode");
            if (scope.kind() == StateScope.Kind.ITEM_PROCESSOR && mode != null && "DISTRIBUTED".equals(mode.text())) {
                return true;
            }
        }
        return false;
    }

    void map(AslState state, QueryLanguage language, String where) {
        AslNode node = state.node();
        fields.exclusive(node, "ItemProcessor", "Iterator");
        fields.exclusive(node, "ItemSelector", "Parameters");
        if (!node.has("ItemProcessor") && !node.has("Iterator")) {
            findings.report(AslRule.REQUIRED_FIELD, state.location(), where + " (Map) has no ItemProcessor",
                    "add \"ItemProcessor\": { \"StartAt\": ..., \"States\": { ... } }");
        }
        for (String field : List.of("ItemProcessor", "Iterator")) {
            AslNode processor = node.get(field);
            if (processor != null && !processor.isObject()) {
                fields.typeError(processor, field, "an object with StartAt and States");
            }
        }
        for (String field : List.of("MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount")) {
            fields.exclusive(node, field, field + "Path");
            payloads.path(node.get(field + "Path"), field + "Path", true, true);
            AslNode value = node.get(field);
            if (value == null || (language == QueryLanguage.JSONATA && FieldChecks.isExpression(value))) {
                continue;
            }
            if (field.equals("ToleratedFailurePercentage")) {
                fields.numberIn(value, field, BigDecimal.ZERO, BigDecimal.valueOf(100));
            } else {
                fields.integerIn(value, field, BigDecimal.ZERO, FieldChecks.MAX_SECONDS);
            }
        }
        if (language == QueryLanguage.JSONPATH) {
            payloads.path(node.get("ItemsPath"), "ItemsPath", true, true);
            payloads.payloadTemplate(node.get("ItemSelector"));
        } else {
            AslNode items = node.get("Items");
            if (items != null && !items.isArray() && !items.isPlaceholder() && !FieldChecks.isExpression(items)) {
                fields.typeError(items, "Items", "an array or a {% %} expression");
            }
        }
        AslNode label = node.get("Label");
        if (label != null && fields.expectString(label, "Label") && label.text().length() > 40) {
            findings.report(AslRule.FIELD_RANGE, label.location(), "Label has " + label.text().length() + " characters",
                    "use at most 40 characters");
        }
        itemReader(node.get("ItemReader"), language);
        itemBatcher(node.get("ItemBatcher"), language);
        resultWriter(node.get("ResultWriter"), language);
    }

    private void itemReader(AslNode reader, QueryLanguage language) {
        if (reader == null) {
            return;
        }
        if (!reader.isObject()) {
            fields.typeError(reader, "ItemReader", "an object");
            return;
        }
        fields.unknownFields(reader, Set.of("Resource", "Parameters", "Arguments", "ReaderConfig"), "ItemReader");
        AslNode config = reader.get("ReaderConfig");
        if (config != null && config.isObject()) {
            fields.exclusive(config, "MaxItems", "MaxItemsPath");
            AslNode maxItems = config.get("MaxItems");
            if (maxItems != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(maxItems))) {
                fields.integerIn(maxItems, "MaxItems", BigDecimal.ZERO, BigDecimal.valueOf(100_000_000));
            }
            payloads.path(config.get("MaxItemsPath"), "MaxItemsPath", true, true);
        }
        if (language == QueryLanguage.JSONPATH) {
            payloads.payloadTemplate(reader.get("Parameters"));
        }
    }

    private void itemBatcher(AslNode batcher, QueryLanguage language) {
        if (batcher == null) {
            return;
        }
        if (!batcher.isObject()) {
            fields.typeError(batcher, "ItemBatcher", "an object");
            return;
        }
        fields.unknownFields(batcher, Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                "MaxInputBytesPerBatchPath", "BatchInput"), "ItemBatcher");
        fields.exclusive(batcher, "MaxItemsPerBatch", "MaxItemsPerBatchPath");
        fields.exclusive(batcher, "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath");
        AslNode maxItems = batcher.get("MaxItemsPerBatch");
        if (maxItems != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(maxItems))) {
            fields.integerIn(maxItems, "MaxItemsPerBatch", BigDecimal.ONE, FieldChecks.MAX_SECONDS);
        }
        AslNode maxBytes = batcher.get("MaxInputBytesPerBatch");
        if (maxBytes != null && !(language == QueryLanguage.JSONATA && FieldChecks.isExpression(maxBytes))) {
            // the batch is passed as a child execution's input, capped at 256 KiB
            fields.integerIn(maxBytes, "MaxInputBytesPerBatch", BigDecimal.ONE, BigDecimal.valueOf(262_144));
        }
        if (language == QueryLanguage.JSONPATH) {
            payloads.payloadTemplate(batcher.get("BatchInput"));
        }
        payloads.path(batcher.get("MaxItemsPerBatchPath"), "MaxItemsPerBatchPath", true, true);
        payloads.path(batcher.get("MaxInputBytesPerBatchPath"), "MaxInputBytesPerBatchPath", true, true);
    }

    private void resultWriter(AslNode writer, QueryLanguage language) {
        if (writer == null) {
            return;
        }
        if (!writer.isObject()) {
            fields.typeError(writer, "ResultWriter", "an object");
            return;
        }
        fields.unknownFields(writer, Set.of("Resource", "Parameters", "Arguments", "WriterConfig"), "ResultWriter");
        if (language == QueryLanguage.JSONPATH) {
            payloads.payloadTemplate(writer.get("Parameters"));
        }
    }

    void processorConfig(AslNode config) {
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            fields.typeError(config, "ProcessorConfig", "an object");
            return;
        }
        fields.unknownFields(config, Set.of("Mode", "ExecutionType"), "ProcessorConfig");
        fields.oneOf(config.get("Mode"), "Mode", Set.of("INLINE", "DISTRIBUTED"));
        fields.oneOf(config.get("ExecutionType"), "ExecutionType", Set.of("STANDARD", "EXPRESS"));
    }
}
