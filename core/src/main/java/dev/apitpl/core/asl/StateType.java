package dev.apitpl.core.asl;

/** The eight ASL state types, as {@code Type} names them. */
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

    public static StateType fromAsl(String name) {
        for (StateType type : values()) {
            if (type.aslName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
