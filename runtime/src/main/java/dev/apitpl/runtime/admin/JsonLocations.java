package dev.apitpl.runtime.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.apitpl.runtime.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON text starts, by the field path the template codec names in its errors
 * ({@code url}, {@code headers.Accept}, {@code body.items[0].id}, {@code allowedDestinations[1]}).
 */
final class JsonLocations {

    private final Map<String, JsonLocation> starts = new HashMap<>();

    private JsonLocations() {
    }

    /** The locations of a JSON text that is known to parse. */
    static JsonLocations of(String json) {
        JsonLocations locations = new JsonLocations();
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            Deque<String> paths = new ArrayDeque<>();
            Deque<Integer> indexes = new ArrayDeque<>();
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    paths.pop();
                    indexes.pop();
                    continue;
                }
                String path;
                if (paths.isEmpty()) {
                    path = "";
                } else if (indexes.peek() >= 0) {
                    int index = indexes.pop();
                    indexes.push(index + 1);
                    path = paths.peek() + "[" + index + "]";
                } else {
                    path = paths.peek().isEmpty() ? field : paths.peek() + "." + field;
                }
                locations.starts.putIfAbsent(path, parser.currentTokenLocation());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    paths.push(path);
                    indexes.push(token == JsonToken.START_ARRAY ? 0 : -1);
                }
            }
        } catch (IOException e) {
            // a text that does not parse has no field locations; problems are then placed at its start
        }
        return locations;
    }

    /** The line of the value at {@code path}, or of its nearest enclosing value; 1 when nothing is known. */
    int line(String path) {
        JsonLocation at = nearest(path);
        return at == null ? 1 : at.getLineNr();
    }

    /** The column of the value at {@code path}, or of its nearest enclosing value; 1 when nothing is known. */
    int column(String path) {
        JsonLocation at = nearest(path);
        return at == null ? 1 : at.getColumnNr();
    }

    private JsonLocation nearest(String path) {
        String current = path == null ? "" : path;
        while (true) {
            JsonLocation at = starts.get(current);
            if (at != null || current.isEmpty()) {
                return at;
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut < 0 ? "" : current.substring(0, cut);
        }
    }
}
