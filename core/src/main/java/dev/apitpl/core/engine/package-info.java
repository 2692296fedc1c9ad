/** A local AWS Step Functions interpreter: parse an ASL definition, run it in-process, get the result and its history. */
package dev.apitpl.core.engine;
