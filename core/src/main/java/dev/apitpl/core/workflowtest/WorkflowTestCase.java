package dev.apitpl.core.workflowtest;

import java.util.Map;

/**
 * One test case: a state machine, the mocked response for each mocked state, and the expectation.
 *
 * @param stateMachine the key under {@code StateMachines}
 * @param name the key under {@code TestCases}
 * @param mocksByState state name to its mocked response
 * @param expectation what the execution must do
 */
public record WorkflowTestCase(String stateMachine, String name, Map<String, MockedResponse> mocksByState,
        Expectation expectation) {

    /** {@code StateMachine/TestCase}, as reports name it. */
    public String displayName() {
        return stateMachine + "/" + name;
    }
}
