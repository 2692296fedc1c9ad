/** The template admin API on the local endpoint: HTTP requests under {@code /admin/} as API Gateway proxy events. */
package dev.apitpl.core.endpoint.admin;
