package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** What a state hands on: its output and the next state's name, or null when the state ends its scope. */
record Step(JsonNode output, String next) {}
