package dev.apitpl.core.endpoint.iam;

import dev.apitpl.core.endpoint.EndpointResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Answers of the AWS Query protocol: {@code <ActionResponse><ActionResult>...} and {@code <ErrorResponse>}. */
final class QueryXml {

    private final StringBuilder xml = new StringBuilder();

    /** Appends {@code <name>value</name>} (escaped); a null value writes nothing. */
    QueryXml element(String name, Object value) {
        if (value != null) {
            xml.append('<').append(name).append('>').append(escape(String.valueOf(value))).append("</").append(name)
                    .append('>');
        }
        return this;
    }

    QueryXml open(String name) {
        xml.append('<').append(name).append('>');
        return this;
    }

    QueryXml close(String name) {
        xml.append("</").append(name).append('>');
        return this;
    }

    /** The success answer of {@code action} with this builder's content as its result. */
    EndpointResponse result(String action, String namespace) {
        String requestId = UUID.randomUUID().toString();
        String body = "<" + action + "Response xmlns=\"" + namespace + "\"><" + action + "Result>" + xml + "</" + action
                + "Result><ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata></" + action
                + "Response>";
        return answer(200, body, requestId);
    }

    /** AWS's Query error: {@code <ErrorResponse><Error><Type>Sender</Type><Code>...}. */
    static EndpointResponse error(int status, String code, String message, String namespace) {
        String requestId = UUID.randomUUID().toString();
        String body = "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>Sender</Type><Code>" + escape(code)
                + "</Code><Message>" + escape(message) + "</Message></Error><RequestId>" + requestId
                + "</RequestId></ErrorResponse>";
        return answer(status, body, requestId);
    }

    private static EndpointResponse answer(int status, String body, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/xml");
        headers.put("x-amzn-RequestId", requestId);
        return new EndpointResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
