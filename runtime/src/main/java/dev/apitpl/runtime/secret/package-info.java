/** Where templates' {@code secret('NAME')} values come from; values never reach logs, items or messages. */
package dev.apitpl.runtime.secret;
