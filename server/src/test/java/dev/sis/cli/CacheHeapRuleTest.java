package dev.sis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sis.config.CacheConfig;
import dev.sis.config.HeapShare;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line judges the cache against the heap it will run in (see {@link HeapShare}):
 * an explicit --cache the heap cannot hold beside the decodes is a problem naming both figures
 * and the fix; the default one is shrunk to what fits. A 384 MiB heap, the JVM's default in a
 * 1536 MiB container, shares as 192 MiB for decodes, 48 MiB for requests, 144 MiB for the cache.
 */
class CacheHeapRuleTest {
    private static final long MIB = 1024 * 1024;
    private static final long HEAP = 384 * MIB;

    private static ParseResult parse(Map<String, String> env, String... args) {
        return CommandLineParser.parse(args, env, HEAP);
    }

    private static CacheConfig cache(String... args) {
        ParseResult result = parse(Map.of(), args);
        assertThat(result).as("%s", List.of(args)).isInstanceOf(ParseResult.Run.class);
        return ((ParseResult.Run) result).config().cache();
    }

    @Test
    void anExplicitCacheOverWhatTheHeapLeavesIsAProblemWithBothFiguresAndTheFix() {
        ParseResult result = parse(Map.of(), "--cache=512", "--decode-memory=192MiB");

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) result).problems()).containsExactly(
                "--cache: 512 MiB does not fit in the Java heap of 384 MiB beside the decodes' 192 MiB (--decode-memory)"
                        + " and 48 MiB kept for requests: at most 144 MiB fits; give a smaller --cache, a larger heap"
                        + " (SIS_JAVA_OPTS=-Xmx..., or more memory for the container) or a smaller --decode-memory");
    }

    @Test
    void aCacheFromTheEnvironmentIsJudgedAlikeAndSaysWhereItCameFrom() {
        ParseResult result = parse(Map.of("SIS_CACHE", "145"), "--decode-memory=192MiB");

        assertThat(((ParseResult.Invalid) result).problems()).singleElement().asString()
                .startsWith("--cache: 145 MiB does not fit").endsWith("(from SIS_CACHE)");
    }

    @Test
    void theLargestCacheThatFitsIsTakenAsGiven() {
        CacheConfig cache = cache("--cache=144", "--decode-memory=192MiB");

        assertThat(cache.budgetBytes()).isEqualTo(144 * MIB);
        assertThat(cache.shrunk()).isFalse();
    }

    @Test
    void aSmallerDecodeBudgetLeavesRoomForALargerCache() {
        assertThat(cache("--cache=256", "--decode-memory=64MiB").budgetBytes()).isEqualTo(256 * MIB);
    }

    @Test
    void theDefaultCacheIsShrunkToWhatFitsSoThatNoFlagsStillStart() {
        ParseResult result = CommandLineParser.parse(new String[0], Map.of(), 128 * MIB);

        CacheConfig cache = ((ParseResult.Run) result).config().cache();
        long decodes = ((ParseResult.Run) result).config().image().decodeMemoryBytes();
        long fits = HeapShare.of(128 * MIB, decodes).largestCache() / MIB * MIB;
        assertThat(cache.budgetBytes()).isEqualTo(fits).isLessThan(100 * MIB);
        assertThat(cache.requestedBytes()).isEqualTo(100 * MIB);
        assertThat(cache.shrunk()).isTrue();
    }

    @Test
    void aDefaultCacheThatCannotFitAtAllIsTurnedOff() {
        CacheConfig cache = cache("--decode-memory=1TiB");

        assertThat(cache.enabled()).isFalse();
        assertThat(cache.shrunk()).isTrue();
    }

    @Test
    void theSharesOfAHeap() {
        HeapShare share = HeapShare.of(HEAP, 192 * MIB);

        assertThat(share.reserveBytes()).isEqualTo(48 * MIB);
        assertThat(share.largestCache()).isEqualTo(144 * MIB);
        assertThat(HeapShare.of(64 * MIB, 32 * MIB).reserveBytes()).as("at least 16 MiB").isEqualTo(16 * MIB);
        assertThat(HeapShare.of(64 * MIB, 64 * MIB).largestCache()).isZero();
    }
}
