/** Where templates live at run time: the DynamoDB template table, cached across warm invocations. */
package dev.apitpl.runtime.store;
