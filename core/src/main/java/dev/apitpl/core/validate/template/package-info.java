/** Validation of API template files: schema, Jinja syntax, parameters, method and URL, located in the file. */
package dev.apitpl.core.validate.template;
