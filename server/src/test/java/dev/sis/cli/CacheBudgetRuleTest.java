package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.HeapShare;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache's bytes live outside the heap, so the command line takes its budget as given
 * whatever the heap: a 512 MiB cache beside a 384 MiB heap (the JVM's default in a 1536 MiB
 * container), and the default 100 MiB on a 128 MiB heap. (It used to refuse the first and shrink
 * the second.)
 */
class CacheBudgetRuleTest {
    private static final long MIB = 1024 * 1024;

    private static CacheConfig cache(long heapBytes, String... args) {
        ParseResult result = CommandLineParser.parse(args, Map.of(), heapBytes);
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).config().cache();
    }

    @Test
    void aCacheLargerThanTheHeapIsTakenAsGiven() {
        CacheConfig cache = cache(384 * MIB, "--cache=512", "--decode-memory=192MiB");

        assertThat(cache.budgetBytes()).isEqualTo(512 * MIB);
    }

    @Test
    void theDefaultCacheIsKeptWholeOnASmallHeap() {
        assertThat(cache(128 * MIB).budgetBytes()).isEqualTo(100 * MIB);
    }

    @Test
    void theSharesOfAHeap() {
        HeapShare share = HeapShare.of(384 * MIB, 192 * MIB);

        assertThat(share.reserveBytes()).isEqualTo(48 * MIB);
        assertThat(HeapShare.of(64 * MIB, 32 * MIB).reserveBytes()).as("at least 16 MiB").isEqualTo(16 * MIB);
    }
}
