/** The sandboxed Jinja renderer: API template + parameters + secrets to a request ready to send. */
package dev.apitpl.runtime.render;
