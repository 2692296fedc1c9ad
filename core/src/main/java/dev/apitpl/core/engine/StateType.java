package dev.apitpl.core.engine;

/** The eight ASL state types. */
public enum StateType {
    PASS("Pass"), TASK("Task"), CHOICE("Choice"), WAIT("Wait"), SUCCEED("Succeed"), FAIL("Fail"),
    PARALLEL("Parallel"), MAP("Map");

    private final String aslName;

    StateType(String aslName) {
        this.aslName = aslName;
    }

    /** The name used in {@code "Type"} and in history event types, e.g. {@code Pass} in {@code PassStateEntered}. */
    public String aslName() {
        return aslName;
    }

    static StateType fromAsl(String name) {
        for (StateType type : values()) {
            if (type.aslName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
