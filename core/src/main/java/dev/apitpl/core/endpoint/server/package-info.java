/** The local endpoint's HTTP server: loopback binding, routing to services, request ids and AWS error shapes. */
package dev.apitpl.core.endpoint.server;
