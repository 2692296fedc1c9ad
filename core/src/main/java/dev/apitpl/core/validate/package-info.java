/** Build-time validation of ASL definitions and API templates, reported as located problems. */
package dev.apitpl.core.validate;
