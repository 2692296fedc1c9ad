package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.Location;
import dev.apitpl.core.asl.AslNode;
import dev.apitpl.core.asl.AslDocument;
import dev.apitpl.core.asl.StateScope;
import dev.apitpl.core.asl.AslState;
import dev.apitpl.core.asl.Transition;
import dev.apitpl.core.asl.QueryLanguage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.core.validate.Problem;
import dev.apitpl.core.validate.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the ASL validator reports, and where. */
class AslValidatorTest {

    private static final Path JSON = Path.of("machine.asl.json");

    private static List<Problem> validate(String definition) {
        return AslValidator.validate(JSON, definition, AslValidationOptions.defaults());
    }

    private static Problem only(List<Problem> problems, String ruleId) {
        List<Problem> matching = problems.stream().filter(p -> p.ruleId().equals(ruleId)).toList();
        assertEquals(1, matching.size(), () -> "expected one " + ruleId + " in " + problems);
        return matching.get(0);
    }

    private static List<String> located(List<Problem> problems) {
        return problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.ruleId()).toList();
    }

    private static void assertLocated(Problem problem, int line, int column) {
        assertEquals(line + ":" + column, problem.line() + ":" + problem.column(), problem::format);
    }

    @Test
    void aValidDefinitionHasNoProblem() {
        assertEquals(List.of(), validate("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"""));
    }

    @Nested
    class Parsing {

        @Test
        void malformedJsonIsReportedAtTheErrorPosition() {
            Problem problem = only(validate("{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\" \"End\": true}\n  }\n}"),
                    "ASL-JSON-SYNTAX");
            assertEquals(4, problem.line());
            assertEquals(Severity.ERROR, problem.severity());
        }

        @Test
        void duplicateKeysAreReportedAtTheSecondKey() {
            Problem problem = only(validate("""
                    {"StartAt": "A",
                     "States": {"A": {"Type": "Pass",
                                      "End": true,
                                      "End": true}}}"""), "ASL-DUPLICATE-KEY");
            assertLocated(problem, 4, 19);
        }

        @Test
        void yamlDefinitionsAreLocatedToo() {
            List<Problem> problems = AslValidator.validate(Path.of("machine.asl.yaml"), """
                    StartAt: A
                    States:
                      A:
                        Type: Pass
                        Next: Missing
                    """, AslValidationOptions.defaults());
            assertLocated(only(problems, "ASL-TRANSITION-TARGET"), 5, 11);
        }

        @Test
        void malformedYamlIsReportedAtItsLine() {
            List<Problem> problems = AslValidator.validate(Path.of("machine.asl.yml"),
                    "StartAt: A\nStates:\n  A:\n    Type: Pass\n     End: true\n", AslValidationOptions.defaults());
            assertEquals(5, only(problems, "ASL-JSON-SYNTAX").line(), problems::toString);
        }

        @Test
        void windowsLineEndingsKeepLinesRight() {
            Problem problem = only(validate("{\r\n\"StartAt\": \"A\",\r\n\"States\": {\r\n\"A\": {\"Type\": \"Pass\"}}}"),
                    "ASL-NEXT-OR-END");
            assertLocated(problem, 4, 1);
        }

        @Test
        void aByteOrderMarkIsNotAnError() {
            assertEquals(List.of(), validate("\uFEFF{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}"));
        }

        @Test
        void aSecondYamlDocumentIsReportedWhereItStarts() {
            List<Problem> problems = AslValidator.validate(Path.of("machine.asl.yaml"),
                    "StartAt: A\nStates:\n  A:\n    Type: Succeed\n---\nStartAt: B\n", AslValidationOptions.defaults());
            assertEquals(List.of("5:1 ASL-JSON-SYNTAX"), located(problems), problems::toString);
        }

        @Test
        void yamlAliasesAreReportedAsUnsupportedNotAsWhatTheyCascadeInto() {
            List<Problem> problems = AslValidator.validate(Path.of("machine.asl.yaml"), """
                    StartAt: A
                    States:
                      A: &succeed
                        Type: Succeed
                      B: *succeed
                    """, AslValidationOptions.defaults());
            assertEquals(List.of("5:6 VALIDATOR-LIMIT"), located(problems), problems::toString);
            assertTrue(problems.get(0).message().contains("alias"), problems::toString);
        }

        @Test
        void anEmptyFileIsOneProblem() {
            assertEquals("ASL-EMPTY-DEFINITION", only(validate("  \n"), "ASL-EMPTY-DEFINITION").ruleId());
            assertEquals(List.of("1:1 ASL-EMPTY-DEFINITION"), located(AslValidator.validate(Path.of("machine.asl.yaml"),
                    "# only a comment\n", AslValidationOptions.defaults())));
            // an empty object is not an empty definition: it lacks what a definition needs
            assertEquals(List.of("1:1 ASL-REQUIRED-FIELD", "1:1 ASL-REQUIRED-FIELD"), located(validate("{}")));
        }

        @Test
        void anUnreadableFileIsIoUnreadableAsEverywhereElse() {
            List<Problem> problems = AslValidator.validate(Path.of("target/does-not-exist.asl.json"));
            assertEquals(List.of("0:0 IO-UNREADABLE"), located(problems));
        }
    }

    @Nested
    class Transitions {

        @Test
        void anUnknownTargetSuggestsTheClosestStateName() {
            Problem problem = only(validate("""
                    {"StartAt": "Receive",
                     "States": {"Receive": {"Type": "Pass", "Next": "ProcesOrder"},
                                "ProcessOrder": {"Type": "Succeed"}}}"""), "ASL-TRANSITION-TARGET");
            assertLocated(problem, 2, 49);
            assertEquals("did you mean 'ProcessOrder'?", problem.hint());
        }

        @Test
        void aMissingTargetIsReportedAloneNotWithItsConsequences() {
            List<Problem> problems = validate("""
                    {"StartAt": "GetTemplate",
                     "States": {"GetTemplate": {"Type": "Pass", "Next": "CallAPI"}, "Done": {"Type": "Pass", "Next": "GetTemplate"}}}""");
            assertEquals(List.of("ASL-TRANSITION-TARGET"), problems.stream().map(Problem::ruleId).toList());
        }

        @Test
        void aBranchCannotJumpToAStateOutsideIt() {
            Problem problem = only(validate("""
                    {"StartAt": "Fan",
                     "States": {
                       "Fan": {"Type": "Parallel", "Next": "Done",
                               "Branches": [{"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Next": "Done"}}}]},
                       "Done": {"Type": "Succeed"}}}"""), "ASL-TRANSITION-TARGET");
            assertTrue(problem.message().contains("outside branch 1 of 'Fan'"), problem::format);
        }

        @Test
        void anIslandCycleIsUnreachable() {
            List<Problem> problems = validate("""
                    {"StartAt": "A",
                     "States": {"A": {"Type": "Succeed"},
                                "B": {"Type": "Pass", "Next": "C"},
                                "C": {"Type": "Pass", "Next": "B"}}}""");
            assertEquals(2, problems.stream().filter(p -> p.ruleId().equals("ASL-UNREACHABLE-STATE")).count(), problems::toString);
        }

        @Test
        void aLoopWithoutExitHasNoTerminalState() {
            only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}"""),
                    "ASL-NO-TERMINAL-STATE");
        }

        @Test
        void stateNamesAreUniqueAcrossNestedScopes() {
            only(validate("""
                    {"StartAt": "Each",
                     "States": {"Each": {"Type": "Map", "End": true,
                                         "ItemProcessor": {"StartAt": "Each", "States": {"Each": {"Type": "Succeed"}}}}}}"""),
                    "ASL-DUPLICATE-STATE-NAME");
        }
    }

    @Nested
    class Fields {

        @Test
        void anUnknownFieldSuggestsTheIntendedOne() {
            Problem problem = only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Nxt": "B"}, "B": {"Type": "Succeed"}}}"""),
                    "ASL-UNKNOWN-FIELD");
            assertEquals("did you mean 'Next'?", problem.hint());
        }

        @Test
        void aJsonPathFieldInAJsonataStateNamesItsCounterpart() {
            Problem problem = only(validate("""
                    {"QueryLanguage": "JSONata", "StartAt": "A",
                     "States": {"A": {"Type": "Pass", "Parameters": {"a": 1}, "End": true}}}"""), "ASL-QUERY-LANGUAGE");
            assertTrue(problem.hint().contains("Arguments"), problem::format);
        }

        @Test
        void retrierRangesAndStatesAllPlacementAreChecked() {
            List<Problem> problems = validate("""
                    {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "End": true,
                      "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5, "JitterStrategy": "SOME"},
                                {"ErrorEquals": ["Lambda.ServiceException"]}]}}}""");
            only(problems, "ASL-RETRY-CATCH");
            only(problems, "ASL-FIELD-RANGE");
            only(problems, "ASL-FIELD-TYPE");
        }

        @Test
        void aQueryLanguageOtherThanJsonPathOrJsonataIsAFieldTypeErrorAndNothingElse() {
            List<Problem> machine = validate("""
                    {"QueryLanguage": "JSONpath", "StartAt": "A",
                     "States": {"A": {"Type": "Pass", "OutputPath": "$.a", "End": true}}}""");
            assertEquals(List.of("1:19 ASL-FIELD-TYPE"), located(machine), machine::toString);
            List<Problem> state = validate("""
                    {"StartAt": "A",
                     "States": {"A": {"Type": "Pass", "QueryLanguage": "jsonata", "OutputPath": "$.a", "End": true}}}""");
            assertEquals(List.of("2:52 ASL-FIELD-TYPE"), located(state), state::toString);
        }

        @Test
        void expressWorkflowsRejectSyncIntegrations() {
            String definition = """
                    {"StartAt": "Run", "States": {"Run": {"Type": "Task",
                      "Resource": "arn:aws:states:::states:startExecution.sync:2", "End": true}}}""";
            assertEquals(List.of(), validate(definition));
            only(AslValidator.validate(JSON, definition,
                    AslValidationOptions.defaults().withStateMachineType(StateMachineType.EXPRESS)), "ASL-EXPRESS-INTEGRATION");
        }
    }

    @Nested
    class Payloads {

        @Test
        void intrinsicCallsAreParsedWithNesting() {
            assertEquals(List.of(), validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {
                      "id.$": "States.Format('order-{}', States.ArrayGetItem(States.StringSplit($.path, '/'), 2))"}}}}"""));
            Problem arity = only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {
                      "sum.$": "States.MathAdd($.a)"}}}}"""), "ASL-INTRINSIC-FUNCTION");
            assertTrue(arity.message().contains("takes 2 arguments, not 1"), arity::format);
        }

        @Test
        void aPathLookingValueWithoutDollarKeyIsAWarning() {
            Problem problem = only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Parameters": {"x": "$.a"}}}}"""),
                    "ASL-NO-DOLLAR");
            assertEquals(Severity.WARNING, problem.severity());
        }

        @Test
        void aKeyAndItsDollarTwinAreADuplicate() {
            only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                      "Parameters": {"a": 1, "a.$": "$.a"}}}}"""), "ASL-PAYLOAD-TEMPLATE");
        }

        @Test
        void payloadKeysNamedLikeAslKeywordsAreData() {
            assertEquals(List.of(), validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                      "Result": {"States": {"StartAt": 1}, "Type": "Nonsense", "Next": "Nowhere"}}}}"""));
        }

        @Test
        void resultPathMustBeAReferencePath() {
            only(validate("""
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "ResultPath": "$.items[*]"}}}"""),
                    "ASL-PATH");
        }

        @Test
        void aParallelStatesParametersAreCheckedOnce() {
            List<Problem> problems = validate("""
                    {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Parameters": {"x": "$.a"},
                      "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]}}}""");
            assertEquals(List.of("1:88 ASL-NO-DOLLAR"), located(problems), problems::toString);
        }

        @Test
        void variablesAssignedByCatchersAndChoiceRulesAreDefined() {
            assertEquals(List.of(), validate("""
                    {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C",
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "Assign": {"failure.$": "$.Cause"}}]},
                      "C": {"Type": "Choice", "Default": "Done",
                            "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "Done", "Assign": {"picked": 1}}]},
                      "Done": {"Type": "Pass", "Parameters": {"p.$": "$picked"}, "End": true},
                      "Failed": {"Type": "Fail", "CausePath": "$failure"}}}"""));
            List<Problem> jsonata = validate("""
                    {"QueryLanguage": "JSONata", "StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Default": "Done",
                            "Choices": [{"Condition": "{% true %}", "Next": "Done", "Assign": {"picked": 1}}]},
                      "Done": {"Type": "Pass", "Output": "{% $picked %}", "QueryLanguage": "JSONata", "End": true}}}""");
            assertEquals(List.of(), jsonata);
            // still reported when nothing assigns it
            assertEquals(List.of("2:50 ASL-UNDEFINED-VARIABLE"), located(validate("""
                    {"StartAt": "Done", "States": {
                      "Done": {"Type": "Pass", "Parameters": {"p.$": "$picked"}, "End": true}}}""")));
        }

        @Test
        void aJsonataCatchersOutputAndAssignMustParse() {
            List<Problem> problems = validate("""
                    {"QueryLanguage": "JSONata", "StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "Output": "{% (1 %}",
                                       "Assign": {"why": "{% $states.errorOutput. %}"}}]},
                      "F": {"Type": "Fail"}}}""");
            assertEquals(List.of("3:74 ASL-JSONATA-SYNTAX", "4:38 ASL-JSONATA-SYNTAX"), located(problems), problems::toString);
        }

        @Test
        void jsonataExpressionsMustParse() {
            Problem problem = only(validate("""
                    {"QueryLanguage": "JSONata", "StartAt": "A",
                     "States": {"A": {"Type": "Pass", "End": true, "Output": {"v": "{% 10 + * 2 %}"}}}}"""),
                    "ASL-JSONATA-SYNTAX");
            assertLocated(problem, 2, 64);
        }
    }

    @Nested
    class Placeholders {

        private static final String TEMPLATE = """
                {"StartAt": "Call",
                 "States": {"Call": {"Type": "Task", "Resource": "${FunctionArn}",
                                     "TimeoutSeconds": ${Timeout}, "End": true}}}""";

        @Test
        void substitutionsAreAppliedBeforeValidation() {
            List<Problem> problems = AslValidator.validate(JSON, TEMPLATE, AslValidationOptions.substituting(
                    Map.of("FunctionArn", "arn:aws:lambda:eu-west-1:123456789012:function:render", "Timeout", "30")));
            assertEquals(List.of(), problems);
        }

        @Test
        void unresolvedPlaceholdersAreReportedWhereTheyStand() {
            List<Problem> problems = AslValidator.validate(JSON, TEMPLATE,
                    AslValidationOptions.substituting(Map.of("FunctionArn", "arn:aws:lambda:eu-west-1:1:function:f")));
            Problem problem = only(problems, "ASL-PLACEHOLDER-UNRESOLVED");
            assertLocated(problem, 3, 40);
            assertEquals(1, problems.size(), problems::toString);
        }

        @Test
        void anUnresolvedPlaceholderInsideAStringIsLocatedAtItself() {
            List<Problem> problems = AslValidator.validate(JSON, """
                    {"StartAt": "A", "States": {"A": {"Type": "Task", "End": true,
                      "Resource": "arn:aws:lambda:${Region}:123456789012:function:render"}}}""",
                    AslValidationOptions.substituting(Map.of()));
            assertLocated(only(problems, "ASL-PLACEHOLDER-UNRESOLVED"), 2, 31);
        }

        @Test
        void aSubstitutedValueIsValidatedLikeAnyOther() {
            List<Problem> problems = AslValidator.validate(JSON, TEMPLATE,
                    AslValidationOptions.substituting(Map.of("FunctionArn", "render", "Timeout", "0")));
            only(problems, "ASL-RESOURCE");
            only(problems, "ASL-FIELD-RANGE");
        }

        @Test
        void everyPartOfAnObjectSubstitutionIsLocatedAtThePlaceholder() {
            List<Problem> problems = AslValidator.validate(JSON, """
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                      "Parameters": ${Parameters}}}}""", AslValidationOptions.substituting(Map.of("Parameters",
                    "{\"a.$\": \"$.[\",\n \"b\": {\"c.$\": \"States.Nope()\"}, \"c\": [1, {\"d.$\": 5}]}")));
            assertEquals(List.of("2:17 ASL-PATH", "2:17 ASL-INTRINSIC-FUNCTION", "2:17 ASL-PAYLOAD-TEMPLATE"),
                    problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.ruleId()).toList(), problems::toString);
        }

        @Test
        void aPlaceholderWrittenTwiceInOneStringIsReportedAtEachPlace() {
            List<Problem> problems = AslValidator.validate(JSON, """
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,
                      "Parameters": {"a": "${Stage}-${Stage}", "b": "x\\"${Stage}"}}}}""",
                    AslValidationOptions.substituting(Map.of()));
            assertEquals(List.of("2:24 ASL-PLACEHOLDER-UNRESOLVED", "2:33 ASL-PLACEHOLDER-UNRESOLVED",
                    "2:53 ASL-PLACEHOLDER-UNRESOLVED"),
                    problems.stream().map(p -> p.line() + ":" + p.column() + " " + p.ruleId()).toList(), problems::toString);
        }

        @Test
        void tolerantModeAcceptsPlaceholdersStandingForAnyValue() {
            assertEquals(List.of(), AslValidator.validate(JSON, TEMPLATE, AslValidationOptions.tolerant()));
        }

        @Test
        void withoutPlaceholderModeABarePlaceholderIsMalformedJson() {
            only(validate(TEMPLATE), "ASL-JSON-SYNTAX");
        }
    }

    @Nested
    class Model {

        @Test
        void nestedScopesKnowTheirOwnerAndPointer() {
            AslDocument document = AslValidator.analyze(JSON, """
                    {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
                      {"StartAt": "One", "States": {"One": {"Type": "Succeed"}}},
                      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
                        "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Succeed"}}}}}}]}}}""",
                    AslValidationOptions.defaults()).document().orElseThrow();
            AslState item = document.state("Item").orElseThrow();
            assertEquals("/States/Fan/Branches/1/States/Each/ItemProcessor/States/Item", item.pointer());
            assertEquals(StateScope.Kind.ITEM_PROCESSOR, item.scope().kind());
            assertEquals("Each", item.scope().owner().name());
            assertEquals(StateScope.Kind.BRANCH, item.scope().owner().scope().kind());
            assertEquals(4, document.scopes().size());
            assertEquals(List.of("Fan", "One", "Each", "Item"), document.states().stream().map(AslState::name).toList());
        }

        @Test
        void theStateGraphExposesTransitionsResourcesAndParametersWithLocations() {
            AslAnalysis analysis = AslValidator.analyze(JSON, """
                    {"StartAt": "GetTemplate",
                     "States": {
                       "GetTemplate": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
                         "Parameters": {"TableName": "templates", "Key": {"PK": {"S": "orders"}, "SK": {"S": "POST"}}},
                         "ResultPath": "$.template", "Next": "Call",
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}]},
                       "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                         "Parameters": {"FunctionName": "GenericApiCallLambda", "Payload": {"template.$": "$.template.Item"}}},
                       "Failed": {"Type": "Fail", "Error": "TemplateMissing"}}}""", AslValidationOptions.defaults());
            assertTrue(analysis.isValid(), analysis.problems()::toString);
            AslDocument document = analysis.document().orElseThrow();
            AslState get = document.state("GetTemplate").orElseThrow();
            assertEquals("Task", get.type());
            assertEquals(List.of("Call", "Failed"), get.transitions().stream().map(Transition::target).toList());
            assertEquals(Transition.Kind.CATCH, get.transitions().get(1).kind());
            assertEquals("arn:aws:states:::dynamodb:getItem", get.resource().text());
            AslNode key = get.parameters().get("Key").get("PK").get("S");
            assertEquals("orders", key.text());
            assertEquals(new Location(4, 67), key.location());
            assertEquals("templates", get.parameters().toJsonNode().get("TableName").asText());
            assertEquals(3, document.machine().states().size());
            assertEquals("/States/GetTemplate", get.pointer());
            assertNotNull(document.machine().start());
            assertFalse(document.state("Call").orElseThrow().parameters().get("Payload").get("template.$").text().isEmpty());
        }
    }
}
