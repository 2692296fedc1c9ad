package dev.apitpl.core.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code $$.Map.Item} while a Map state's ItemSelector is evaluated for one item. */
record MapItem(int index, JsonNode value) {}
