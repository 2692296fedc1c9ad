package dev.apitpl.core.validate.asl;

/** The workflow type a definition is deployed as; Express workflows forbid some integration patterns. */
public enum StateMachineType {
    STANDARD,
    EXPRESS
}
