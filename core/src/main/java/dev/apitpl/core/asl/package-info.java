/**
 * The one Amazon States Language model: a definition read once (JSON or YAML, located, placeholders substituted by
 * the one substituter) with typed views; the validator, the engine, the local environment, policies and synthesis
 * read definitions through {@link dev.apitpl.core.asl.AslModel}.
 */
package dev.apitpl.core.asl;
