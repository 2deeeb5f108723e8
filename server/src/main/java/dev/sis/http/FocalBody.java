package dev.sis.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sis.errors.InvalidInputException;
import dev.sis.image.Gravity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** The body of {@code PUT /v1/info/{md5}/focal}: {@code {"x":0.3,"y":0.6}}, each a number from 0 to 1. */
final class FocalBody {
    static final int MAX_BYTES = 256;
    // {"x":0.3,"y":0.6}} is not that body either
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String EXPECTED = "the body must be {\"x\":X,\"y\":Y} with X and Y numbers from 0 to 1";

    private FocalBody() {
    }

    /** @throws InvalidInputException when the body is anything else */
    static Gravity parse(InputStream body) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body.readNBytes(MAX_BYTES + 1));
        } catch (com.fasterxml.jackson.core.JacksonException notJson) {
            throw new InvalidInputException(EXPECTED);
        }
        if (node == null || !node.isObject() || node.size() != 2 || !Set.of("x", "y").containsAll(iterable(node))) {
            throw new InvalidInputException(EXPECTED);
        }
        JsonNode x = node.get("x");
        JsonNode y = node.get("y");
        if (!x.isNumber() || !y.isNumber() || !within(x.doubleValue()) || !within(y.doubleValue())) {
            throw new InvalidInputException(EXPECTED);
        }
        return Gravity.point(x.doubleValue(), y.doubleValue());
    }

    private static boolean within(double v) {
        return v >= 0 && v <= 1;
    }

    private static java.util.List<String> iterable(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
