/** Time-bounded caches shared by warm Lambda invocations. */
package dev.apitpl.runtime.cache;
