package dev.apitpl.runtime.render;

/** How a field's expressions are escaped; part of the cache key, since a URL's parse tree is rewritten. */
enum FieldKind {
    /** Header values, query values (encoded whole afterwards), text bodies and JSON body leaves: output as is. */
    TEXT,
    /** The URL: expressions after the scheme and host are percent-encoded. */
    URL
}
