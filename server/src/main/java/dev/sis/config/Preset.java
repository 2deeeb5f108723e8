package dev.sis.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named variant the operator configured ({@code --preset thumb=w:300,h:200,fit:cover}), asked
 * for as {@code ?preset=thumb}. Its parameters are the /v1 query parameters' names and values,
 * read by the same parser as a request's, so a preset can say whatever a URL can.
 *
 * @param name       letters, digits, {@code -} and {@code _}, 1 to 32 of them
 * @param parameters variant parameters by name, in the order given
 * @param eager      made right after each upload, in the background
 */
public record Preset(String name, Map<String, String> parameters, boolean eager) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public Preset {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a preset's name is 1 to 32 letters, digits, - or _");
        }
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}
