/** The command-line jar: subcommands over the core services, for hooks and non-Maven CI. */
package dev.apitpl.core.cli;
