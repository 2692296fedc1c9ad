/**
 * The template admin API: a second Lambda handler, for API Gateway proxy events, that lists, reads, replaces, deletes
 * and previews templates in the template table, validated and with optimistic concurrency. Nothing here is loaded by
 * the generic Lambda.
 */
package dev.apitpl.runtime.admin;
