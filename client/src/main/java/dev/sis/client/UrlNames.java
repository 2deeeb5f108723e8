package dev.sis.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The URL spelling of the API's enums: the constant's name in lower case. */
final class UrlNames {
    private UrlNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the parameter and the accepted values */
    static <E extends Enum<E>> E parse(Class<E> type, String parameter, String name) {
        E[] values = type.getEnumConstants();
        for (E value : values) {
            if (of(value).equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException(parameter + " must be one of "
                + Arrays.stream(values).map(UrlNames::of).collect(Collectors.joining(", ")) + ", got \"" + name + "\"");
    }
}
