package dev.sis.reliability;

import dev.sis.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes random requests, seeded: a method (real, odd or made up), a path (every route, with its
 * parameters filled with good, bad and hostile values, or a path of no route), a query of sis's
 * parameter names and junk, headers and a body. {@link #wireRequest} also breaks the HTTP syntax
 * itself, for raw sockets.
 */
final class GarbageTraffic {
    static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "POST", "PUT", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "PROPFIND", "FOO", "get", "G ET", ""};
    private static final String[] PARAMS = {"md5", "file_name", "w", "h", "fit", "format", "q", "token", "sig", "x", ""};

    /** A request as the JDK client can send it. */
    record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    }

    /**
     * A request's bytes for a raw socket.
     *
     * @param refusedByParser its head is malformed (a NUL in the target, an unknown version, a
     *                        space in the method, a line without a colon, a doubled or negative
     *                        {@code Content-Length}, a head over Jetty's limit): Jetty's HTTP
     *                        parser answers it before sis sees it
     */
    record Wire(byte[] bytes, boolean refusedByParser) {
    }

    /** The {@link #wireRequest} breakages that Jetty's parser refuses (see the switches there). */
    private static final Set<Integer> REFUSED_BY_PARSER = Set.of(2, 6, 7, 8, 9, 11, 12);

    private final Random random;
    private final List<String> routes;
    private final List<String> knownMd5s;
    private final List<String> knownNames;

    /** @param routes the server's routes, as {@code METHOD /path/{param}} */
    GarbageTraffic(long seed, List<String> routes, List<String> knownMd5s, List<String> knownNames) {
        this.random = new Random(seed);
        this.routes = routes;
        this.knownMd5s = knownMd5s;
        this.knownNames = knownNames;
    }

    Random random() {
        return random;
    }

    Request next() {
        String method;
        String path;
        if (random.nextInt(10) < 8) {
            String[] route = routes.get(random.nextInt(routes.size())).split(" ", 2);
            method = random.nextInt(3) == 0 ? pick(METHODS) : route[0];
            path = fill(route[1]);
        } else {
            method = pick(METHODS);
            path = "/" + segment() + (random.nextBoolean() ? "/" + segment() : "");
        }
        if (random.nextInt(4) != 0) {
            path += "?" + query();
        }
        return new Request(method, path, headers(), body());
    }

    /**
     * The request as bytes for a raw socket, sometimes with its syntax broken: a bad request
     * line or version, a header without a colon, a lying or doubled Content-Length, a broken
     * chunked body, a NUL in the path.
     */
    Wire wireRequest(Request r) {
        int breakage = random.nextInt(14);
        String method = r.method().isEmpty() ? "GET" : r.method();
        String target = switch (breakage) {
            case 0 -> r.pathAndQuery().replace("/", "//");
            case 1 -> r.pathAndQuery() + "%";
            case 2 -> r.pathAndQuery() + "\u0000x";
            case 3 -> "*";
            case 4 -> "http://127.0.0.1" + r.pathAndQuery();
            default -> r.pathAndQuery();
        };
        String version = switch (breakage) {
            case 5 -> "HTTP/1.0";
            case 6 -> "HTTP/9.9";
            case 7 -> "HTTX/1.1";
            default -> "HTTP/1.1";
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + target + " " + version + "\r\nHost: 127.0.0.1\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Connection: close\r\n");
        byte[] body = r.body();
        switch (breakage) {
            case 8 -> head.append("Content-Length: ").append(body.length).append("\r\nContent-Length: 3\r\n");
            case 9 -> head.append("this line has no colon\r\nContent-Length: ").append(body.length).append("\r\n");
            case 10 -> head.append("Transfer-Encoding: chunked\r\n");
            case 11 -> head.append("Content-Length: -5\r\n");
            case 12 -> head.append("Content-Length: ").append(body.length).append("\r\nX-Long: ")
                    .append("x".repeat(20_000 + random.nextInt(20_000))).append("\r\n");
            default -> head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (breakage == 10) {
            if (body.length > 0) {
                out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(body);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes((random.nextBoolean() ? "0\r\n\r\n" : "zz\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
            out.writeBytes(body);
        }
        // A method with a space in it ("G ET") breaks the request line as well.
        return new Wire(out.toByteArray(), REFUSED_BY_PARSER.contains(breakage) || method.indexOf(' ') >= 0);
    }

    private String fill(String route) {
        StringBuilder path = new StringBuilder();
        for (String part : route.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            path.append('/');
            if (part.startsWith("{") || part.equals("*") || part.startsWith("<")) {
                path.append(part.contains("md5") ? md5() : random.nextBoolean() ? name() : segment());
            } else {
                path.append(part);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private String md5() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> knownMd5s.get(random.nextInt(knownMd5s.size()));
            case 2 -> HexFormat.of().formatHex(bytes(16));
            case 3 -> knownMd5s.getFirst().toUpperCase();
            default -> segment();
        };
    }

    private String name() {
        return random.nextBoolean() ? encode(knownNames.get(random.nextInt(knownNames.size()))) : segment();
    }

    /** A path segment: plain, percent-encoded junk, dots, very long, or empty. */
    private String segment() {
        return switch (random.nextInt(9)) {
            case 0 -> "..";
            case 1 -> "%2e%2e%2f%2e%2e%2fetc%2fpasswd";
            case 2 -> "a".repeat(1 + random.nextInt(3000));
            case 3 -> encode(new String(bytes(1 + random.nextInt(20)), StandardCharsets.ISO_8859_1));
            case 4 -> "%00";
            case 5 -> "%C0%AE%C0%AE";
            case 6 -> "";
            case 7 -> "名字.jpg";
            default -> "x" + random.nextInt(1000) + ".jpg";
        };
    }

    private String query() {
        List<String> pairs = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String key = pick(PARAMS);
            String value = switch (key) {
                case "md5" -> md5();
                case "file_name" -> name();
                default -> value();
            };
            pairs.add(random.nextInt(10) == 0 ? key : key + "=" + value);
        }
        return String.join(random.nextInt(8) == 0 ? ";" : "&", pairs);
    }

    private String value() {
        return switch (random.nextInt(12)) {
            case 0 -> Integer.toString(random.nextInt(12_000));
            case 1 -> Integer.toString(1 + random.nextInt(300));
            case 2 -> "-" + random.nextInt(10);
            case 3 -> "99999999999999999999";
            case 4 -> pick(new String[] {"contain", "cover", "stretch", "inside", "fill", ""});
            case 5 -> pick(new String[] {"jpeg", "jpg", "png", "gif", "webp", "bmp", "tiff"});
            case 6 -> "0x10";
            case 7 -> "1e3";
            case 8 -> encode(new String(bytes(random.nextInt(30)), StandardCharsets.ISO_8859_1));
            case 9 -> "%";
            case 10 -> "%ZZ";
            default -> "";
        };
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            headers.put("Content-Type", pick(new String[] {"multipart/form-data; boundary=b0undary",
                    "multipart/form-data; boundary=", "multipart/form-data", "multipart/mixed; boundary=b0undary",
                    "application/x-www-form-urlencoded", "application/json", "image/jpeg", "text/plain; charset=gbk",
                    "multipart/form-data; boundary=\"" + "b".repeat(80) + "\"", "garbage/;;;===", ""}));
        }
        if (random.nextInt(4) == 0) {
            headers.put("Range", pick(new String[] {"bytes=0-10", "bytes=-5", "bytes=5-", "bytes=9-1", "bytes=abc",
                    "bytes=0-1,3-4", "items=0-1", "bytes=99999999999-"}));
        }
        if (random.nextInt(6) == 0) {
            headers.put("If-None-Match", pick(new String[] {"*", "\"" + knownMd5s.getFirst() + "\"", "W/\"x\"", "\"", ""}));
        }
        if (random.nextInt(6) == 0) {
            headers.put("Authorization", pick(new String[] {"Bearer", "Bearer x", "Basic Zm9vOmJhcg==", "Bearer " + "t".repeat(600)}));
        }
        if (random.nextInt(8) == 0) {
            headers.put("X-Request-Id", pick(new String[] {"", "id-1", "x".repeat(500), "ünïcode"}));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Origin", pick(new String[] {"null", "http://evil.example", "https://a.b"}));
        }
        if (random.nextInt(10) == 0) {
            headers.put("Accept-Encoding", "gzip, br, *");
        }
        return headers;
    }

    private byte[] body() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> new byte[0];
            case 2 -> bytes(random.nextInt(4096));
            case 3 -> multipart(TestImages.jpeg(8 + random.nextInt(30), 8 + random.nextInt(30), random.nextLong()), true);
            case 4 -> multipart(bytes(random.nextInt(2000)), random.nextBoolean());
            case 5 -> TestImages.png(4 + random.nextInt(20), 4 + random.nextInt(20));
            case 6 -> "md5=%s&w=20&h=20&file_name=x.jpg".formatted(knownMd5s.getFirst()).getBytes(StandardCharsets.US_ASCII);
            default -> {
                byte[] jpeg = TestImages.jpeg(16, 16, random.nextLong());
                yield java.util.Arrays.copyOf(jpeg, random.nextInt(jpeg.length));
            }
        };
    }

    private byte[] multipart(byte[] content, boolean closed) {
        String fieldName = random.nextInt(4) == 0 ? knownMd5s.getFirst() : "file";
        String fileName = random.nextInt(5) == 0 ? segment() : "g" + random.nextInt(100_000) + ".jpg";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--b0undary\r\nContent-Disposition: form-data; name=\"" + fieldName + "\"; filename=\"" + fileName
                + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes((closed ? "\r\n--b0undary--\r\n" : "\r\n--b0und").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
