package dev.apitpl.runtime.render;

import java.util.LinkedHashMap;

/** A JSON object parameter as templates see it, knowing its path ({@code user.address}) to name a missing field. */
final class ParameterMap extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final String path;

    ParameterMap(String path) {
        this.path = path;
    }

    /** The path of a field of this object, as a missing parameter is reported. */
    String pathOf(Object key) {
        return path + "." + key;
    }
}
