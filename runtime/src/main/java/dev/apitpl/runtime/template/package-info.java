/** The API template model and its codecs: template files (JSON), DynamoDB items, DynamoDB JSON. */
package dev.apitpl.runtime.template;
