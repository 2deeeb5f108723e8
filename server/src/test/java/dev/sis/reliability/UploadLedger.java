package dev.sis.reliability;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What uploaders sent and what they were told, for checking a store after a crash. An upload is
 * <em>acknowledged</em> when the server answered 200 or 201 for it; every upload sent is
 * <em>sent</em>, acknowledged or not (an upload in flight when the server died may or may not
 * have been stored). Thread-safe.
 */
final class UploadLedger {
    /** One file as uploaded. */
    record Upload(String md5, String name, byte[] bytes) {
        String key() {
            return md5 + "/" + name;
        }
    }

    private final Map<String, Upload> sent = new ConcurrentHashMap<>();
    private final Map<String, Upload> acknowledged = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger lostAnswers = new AtomicInteger();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    void sending(List<Upload> uploads) {
        uploads.forEach(u -> sent.put(u.key(), u));
    }

    void acknowledged(List<Upload> uploads) {
        uploads.forEach(u -> acknowledged.put(u.key(), u));
    }

    void answered(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /** The connection failed before an answer (the server died). */
    void lostAnswer() {
        lostAnswers.incrementAndGet();
    }

    /** Something no client may ever see, e.g. a 500 or a wrong MD5 in an answer. */
    void unexpected(String what) {
        unexpected.add(what);
    }

    Upload sent(String md5, String name) {
        return sent.get(md5 + "/" + name);
    }

    Set<String> sentMd5s() {
        return sent.values().stream().map(Upload::md5).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    List<Upload> acknowledged() {
        return List.copyOf(acknowledged.values());
    }

    List<Upload> unacknowledged() {
        return sent.values().stream().filter(u -> !acknowledged.containsKey(u.key())).toList();
    }

    int count(int status) {
        AtomicInteger n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> copy = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> copy.put(k, v.get()));
        return Collections.unmodifiableMap(copy);
    }

    int lostAnswers() {
        return lostAnswers.get();
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }
}
