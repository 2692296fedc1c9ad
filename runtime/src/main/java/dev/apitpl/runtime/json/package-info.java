/** The one Jackson configuration the runtime shares: exact numbers, no surprises between modules. */
package dev.apitpl.runtime.json;
