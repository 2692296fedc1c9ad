package dev.apitpl.core.validate.template;

import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apitpl.core.validate.asl.AslValidationOptions;
import dev.apitpl.core.validate.asl.AslValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which reads of a definition are template reads, checked against the project's templates. */
class TemplateReferencesTest {

    private static final List<TemplateKey> TEMPLATES = List.of(new TemplateKey("get-order", "GET"));

    private static List<String> missing(String definition) {
        var analysis = AslValidator.analyze(Path.of("flow.asl.json"), definition,
                AslValidationOptions.substituting(Map.of("TemplateTableName", "api-templates")));
        assertEquals(List.of(), analysis.problems(), "the definition itself is valid");
        return TemplateReferences.check(analysis.document().orElseThrow(), TEMPLATES).stream()
                .map(p -> p.line() + ":" + p.column() + " " + p.ruleId() + " " + p.message()).toList();
    }

    private static String getItem(String state, String table, String key, String next) {
        return "\"" + state + "\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:getItem\","
                + " \"Parameters\": {\"TableName\": " + table + ", \"Key\": " + key + "}, " + next + "}";
    }

    @Test
    void theOneTableADefinitionReadsIsTheTemplateTable() {
        List<String> problems = missing("{\"StartAt\": \"A\", \"States\": {"
                + getItem("A", "\"${TemplateTableName}\"", "{\"PK\": {\"S\": \"get-order\"}}", "\"Next\": \"B\"") + ", "
                + getItem("B", "\"${TemplateTableName}\"", "{\"PK\": {\"S\": \"refund\"}}", "\"End\": true") + "}}");
        assertEquals(List.of("1:345 XREF-TEMPLATE-MISSING state 'B' reads template 'refund', which no template file defines"),
                problems);
    }

    @Test
    void otherTablesAreNotTemplateTables() {
        // two tables: only a read keyed like a template (PK and SK = an HTTP method) is a template read
        List<String> problems = missing("{\"StartAt\": \"A\", \"States\": {"
                + getItem("A", "\"${TemplateTableName}\"", "{\"PK\": {\"S\": \"get-order\"}, \"SK\": {\"S\": \"GET\"}}",
                        "\"Next\": \"B\"") + ", "
                + getItem("B", "\"Orders\"", "{\"PK\": {\"S\": \"ORDER#1\"}, \"SK\": {\"S\": \"2024-01-31\"}}", "\"Next\": \"C\"")
                + ", " + getItem("C", "\"Customers\"", "{\"PK\": {\"S\": \"CUSTOMER#7\"}}", "\"Next\": \"D\"") + ", "
                + getItem("D", "\"${TemplateTableName}\"", "{\"PK\": {\"S\": \"refund\"}, \"SK\": {\"S\": \"POST\"}}",
                        "\"End\": true") + "}}");
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(true, problems.get(0).contains("state 'D' reads template 'refund' with method POST"), problems::toString);
    }

    @Test
    void aTableNamedAtRunTimeIsATemplateTableOnlyForTemplateShapedKeys() {
        List<String> problems = missing("{\"StartAt\": \"A\", \"States\": {"
                + "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:getItem\", \"Parameters\": {"
                + "\"TableName.$\": \"$.table\", \"Key\": {\"PK\": {\"S\": \"ORDER#1\"}}}, \"Next\": \"B\"}, "
                + "\"B\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:getItem\", \"Parameters\": {"
                + "\"TableName.$\": \"$.table\", \"Key\": {\"PK\": {\"S\": \"refund\"}, \"SK\": {\"S\": \"GET\"}}}, \"End\": true}}}");
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(true, problems.get(0).contains("state 'B' reads template 'refund' with method GET"), problems::toString);
    }

    @Test
    void jsonataExpressionsAreDecidedAtRunTimeNotNames() {
        assertEquals(List.of(), missing("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {"
                + "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:getItem\", \"Arguments\": {"
                + "\"TableName\": \"api-templates\", \"Key\": {\"PK\": {\"S\": \"{% $states.input.templateName %}\"},"
                + " \"SK\": {\"S\": \"{% $states.input.method %}\"}}}, \"Next\": \"B\"}, "
                + "\"B\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Arguments\": {"
                + "\"FunctionName\": \"f\", \"Payload\": {\"templateName\": \"{% $states.input.templateName %}\","
                + " \"method\": \"{% $states.input.method %}\"}}, \"End\": true}}}"));
        assertEquals(List.of("1:192 XREF-TEMPLATE-MISSING state 'A' reads template 'refund' with method GET, which no"
                + " template file defines"), missing("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": {"
                + "\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::dynamodb:getItem\", \"Arguments\": {"
                + "\"TableName\": \"api-templates\", \"Key\": {\"PK\": {\"S\": \"refund\"}, \"SK\": {\"S\": \"GET\"}}},"
                + " \"End\": true}}}"));
    }

    @Test
    void aStaticLambdaTemplateNameIsChecked() {
        assertEquals(List.of(), missing("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"FunctionName\": \"f\","
                + " \"Payload\": {\"templateName\": \"get-order\", \"method\": \"get\"}}, \"End\": true}}}"));
        assertEquals(List.of("1:161 XREF-TEMPLATE-MISSING state 'A' reads template 'get-order' with method POST, which no"
                + " template file defines"), missing("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"FunctionName\": \"f\","
                + " \"Payload\": {\"templateName\": \"get-order\", \"method\": \"POST\"}}, \"End\": true}}}"));
    }
}
