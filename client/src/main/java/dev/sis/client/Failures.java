package dev.sis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The one place where an error answer (or no answer) becomes a {@link SisClientException}.
 * A status alone does not always say which class of failure it is, so the operation helps: a 403
 * for a variant is the server's variant policy, a 403 elsewhere is a token that is not enough; a
 * 503 with {@code Retry-After} is a busy server, without it an agent's unreachable upstream.
 */
final class Failures {
    /** What the failed request was for. */
    enum Operation { UPLOAD, ORIGINAL, VARIANT, INFO, DELETE }

    /** The longest server message kept: a misconfigured proxy may answer with a whole page. */
    private static final int MAX_MESSAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Failures() {
    }

    static SisClientException fromAnswer(Operation op, ApiMode mode, String request, int status,
                                         Optional<String> retryAfter, byte[] body) {
        String said = serverMessage(body);
        String message = request + ": " + status + " " + (said.isEmpty() ? defaultReason(status, mode) : said);
        return switch (status) {
            case 401 -> new UnauthorizedException(message, status, said);
            case 403 -> op == Operation.VARIANT
                    ? new RefusedByBudgetException(message, status, said, RefusedByBudgetException.Reason.NOT_ALLOWED, null)
                    : new UnauthorizedException(message, status, said);
            case 404 -> op == Operation.UPLOAD ? new ServerErrorException(message + " (is this a sis server?)", status, said)
                    : new ImageNotFoundException(message, status, said);
            case 413 -> new TooLargeException(message, status, said);
            case 415 -> new UnsupportedImageException(message, status, said);
            // sis 2.0's /up says 不要乱来 for any request it refuses; to the client's well-formed
            // body this sis says it only when a file is not an image.
            case 400 -> mode == ApiMode.LEGACY && op == Operation.UPLOAD
                    ? new UnsupportedImageException(message + " (a file is not an image, or the server refused the request)", status, said)
                    : new ServerErrorException(message, status, said);
            case 422 -> new RefusedByBudgetException(message, status, said, RefusedByBudgetException.Reason.OVER_BUDGET, null);
            case 503 -> retryAfter.<SisClientException>map(seconds -> new RefusedByBudgetException(message, status, said,
                            RefusedByBudgetException.Reason.BUSY, seconds(seconds)))
                    .orElseGet(() -> new UpstreamFailureException(message, status, said));
            case 502, 504 -> new UpstreamFailureException(message, status, said);
            default -> new ServerErrorException(message, status, said);
        };
    }

    static ConnectionFailedException noAnswer(String request, URI base, IOException e) {
        String why = e instanceof HttpTimeoutException ? "no answer in time"
                : e instanceof java.net.ConnectException ? "connection refused or the host is unreachable"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new ConnectionFailedException(request + ": cannot reach sis at " + base + " (" + why + ")", e);
    }

    /** The {@code error} of a /v1 JSON answer, else the answer's text, else "". */
    static String serverMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            try {
                JsonNode error = JSON.readTree(text).get("error");
                if (error != null && error.isTextual()) {
                    text = error.asText();
                }
            } catch (IOException notJson) {
                // Shown as the text it is.
            }
        }
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private static String defaultReason(int status, ApiMode mode) {
        return switch (status) {
            case 404 -> mode == ApiMode.LEGACY
                    ? "not found (sis 2.0's routes also say 404 for a bad size or a file that is not an image)"
                    : "not found";
            case 401 -> "a token is needed";
            case 403 -> "forbidden";
            case 503 -> "unavailable";
            default -> "(no message)";
        };
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        } catch (NumberFormatException httpDate) {
            return Duration.ofSeconds(1);
        }
    }
}
