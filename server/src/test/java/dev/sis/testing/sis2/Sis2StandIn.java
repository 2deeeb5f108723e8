package dev.sis.testing.sis2;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a sis 2.0 process on a loopback port, for tests of mixed deployments: it
 * answers sis 2.0's routes byte for byte as docs/api-legacy.md states them ({@code /up},
 * {@code /derect_up}, {@code /simple_down}, {@code /full_down}, the two {@code stretch_} routes,
 * their statuses and exact bodies) and nothing else: any other path gets Go's
 * {@code 404 page not found}. It does what sis 2.0 did where sis does better: {@code /derect_up}
 * stores under the MD5 it is told, unchecked, and any file is accepted.
 *
 * <p>Store mode ({@link #server}) keeps the files in sis 2.0's data folder; agent mode
 * ({@link #agent}) hands uploads to its server's {@code /derect_up}, reads originals with
 * {@code /simple_down} and {@code /full_down} and scales them itself, as a sis 2.0 agent did. It
 * keeps no cache: a cache changes no answer of these routes. Every request is recorded
 * ({@link #requests()}) so that a test can see what a node in front of it asked.
 */
public final class Sis2StandIn implements AutoCloseable {
    static final String BAD_REQUEST = "不要乱来";
    static final String TOO_LARGE = "上传文件超出50M限制";
    static final String NAME_TOO_LONG = "文件名长度超出50字节限制";
    static final String STORE_FAILED = "创建文件失败";
    static final String UPLOAD_DONE = "上传完成";
    private static final long MAX_REQUEST_BYTES = 50L * 1024 * 1024;
    private static final int MAX_NAME_BYTES = 50;
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Sis2Files files;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private Sis2StandIn(Sis2Files files, int port) {
        this.files = files;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    /** A sis 2.0 server ({@code -localStore=true}) keeping its files in {@code dataDir}, on any free port. */
    public static Sis2StandIn server(Path dataDir) {
        return server(dataDir, 0);
    }

    /** As {@link #server(Path)}, on {@code port} (0: any free port). */
    public static Sis2StandIn server(Path dataDir, int port) {
        return new Sis2StandIn(new Sis2Folder(dataDir), port);
    }

    /** A sis 2.0 agent ({@code -localStore=false -image=upstream}) in front of the server at {@code upstream}. */
    public static Sis2StandIn agent(String upstream) {
        return new Sis2StandIn(new Sis2ServerRoutes(upstream), 0);
    }

    /** The file sis 2.0 keeps for {@code md5} and {@code name} in its data folder {@code dataDir}. */
    public static Path keptFile(Path dataDir, String md5, String name) {
        return Sis2Folder.src(dataDir, md5).resolve(name);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} with {@code path} appended. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request so far, as {@code METHOD /path}, in the order they arrived. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.close();
        if (files instanceof Sis2ServerRoutes routes) {
            routes.close();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            switch (path) {
                case "/up" -> upload(exchange, false);
                case "/derect_up" -> upload(exchange, true);
                case "/simple_down", "/full_down", "/stretch_simple_down", "/stretch_full_down" -> download(exchange, path);
                case "/" -> text(exchange, 200, "text/html; charset=utf-8",
                        "<!doctype html><form method=post action=up enctype=multipart/form-data>"
                                + "<input type=file name=file multiple><button>上传</button></form>");
                default -> text(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n");
            }
        } catch (RuntimeException e) {
            // A bug of the stand-in must show in the test's output, not as a silent reset.
            e.printStackTrace();
            throw e;
        }
    }

    /** {@code /up} (any file part, MD5 computed) and {@code /derect_up} (the field name is the MD5, unchecked). */
    private void upload(HttpExchange exchange, boolean direct) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            headers.set("Access-Control-Allow-Method", "POST");
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (!direct && length != null && Long.parseLong(length) > MAX_REQUEST_BYTES) {
            plain(exchange, 413, TOO_LARGE);
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        String boundary = Sis2Multipart.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
        List<Sis2Multipart.FilePart> parts;
        try {
            if (!method.equals("POST") || boundary == null) {
                throw new IllegalArgumentException("not a multipart POST");
            }
            parts = Sis2Multipart.files(body, boundary);
        } catch (IllegalArgumentException e) {
            plain(exchange, 400, BAD_REQUEST);
            return;
        }
        StringBuilder answer = new StringBuilder("[");
        for (Sis2Multipart.FilePart part : parts) {
            if (!direct && part.fileName().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                plain(exchange, 413, NAME_TOO_LONG);
                return;
            }
            String md5 = direct ? part.field() : md5(part.bytes());
            try {
                files.put(md5, part.fileName(), part.bytes());
            } catch (IOException e) {
                plain(exchange, 500, STORE_FAILED);
                return;
            }
            answer.append(answer.length() > 1 ? "," : "").append("{\"Name\":").append(Sis2Json.string(part.fileName()))
                    .append(",\"MD5\":\"").append(md5).append("\"}");
        }
        plain(exchange, 200, direct ? UPLOAD_DONE : answer.append("]").toString());
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        Map<String, String> params = params(exchange);
        String md5 = params.getOrDefault("md5", "");
        String name = params.get("file_name");
        boolean named = path.endsWith("full_down");
        byte[] bytes = null;
        if (md5.matches("[0-9a-f]{32}") && (!named || validName(name))) {
            bytes = named ? files.named(md5, name) : files.any(md5);
        }
        if (bytes != null && path.startsWith("/stretch_")) {
            int w = size(params.get("w"));
            int h = size(params.get("h"));
            bytes = w < 0 || h < 0 ? null : Sis2Stretch.stretch(bytes, w, h);
        }
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        serve(exchange, bytes, contentType(name, bytes));
    }

    /** As Go's {@code http.ServeContent}: length, {@code Accept-Ranges}, one byte range answered 206. */
    private static void serve(HttpExchange exchange, byte[] bytes, String type) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Accept-Ranges", "bytes");
        int from = 0;
        int to = bytes.length - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                from = Math.max(0, bytes.length - Integer.parseInt(m.group(2)));
            } else {
                from = Integer.parseInt(m.group(1));
                to = m.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(m.group(2)));
            }
            if (from > to) {
                headers.set("Content-Range", "bytes */" + bytes.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            headers.set("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        }
        int length = to - from + 1;
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, from, length);
        }
    }

    /** Go's {@code FormValue}: the query, and a urlencoded POST body. */
    private static Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = new HashMap<>();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (exchange.getRequestMethod().equals("POST") && type != null
                && type.startsWith("application/x-www-form-urlencoded")) {
            try (InputStream in = exchange.getRequestBody()) {
                parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), params);
            }
        }
        parse(exchange.getRequestURI().getRawQuery(), params);
        return params;
    }

    private static void parse(String query, Map<String, String> into) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.putIfAbsent(key, value);
        }
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..");
    }

    private static int size(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= Sis2Stretch.MIN && n <= Sis2Stretch.MAX ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** From the name's extension, else from the content, as Go's file server does. */
    private static String contentType(String name, byte[] bytes) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".gif")) {
            return "image/gif";
        }
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return "image/jpeg";
        }
        if (bytes.length > 3 && bytes[0] == (byte) 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G') {
            return "image/png";
        }
        if (bytes.length > 3 && bytes[0] == 'G' && bytes[1] == 'I' && bytes[2] == 'F') {
            return "image/gif";
        }
        return "application/octet-stream";
    }

    private static void plain(HttpExchange exchange, int status, String body) throws IOException {
        text(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void text(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
