/** The apitpl Maven goals: each binds parameters, calls one core service and maps its exceptions. */
package dev.apitpl.plugin;
