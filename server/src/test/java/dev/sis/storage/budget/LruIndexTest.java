package dev.sis.storage.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The index of stored variants: least recently used out first, within bytes and a count. */
class LruIndexTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);

    private LruIndex<String> index(long maxBytes, int maxEntries) {
        return new LruIndex<>(maxBytes, maxEntries, now::get);
    }

    @Test
    void withinTheBudgetNothingIsRemoved() {
        LruIndex<String> index = index(100, 10);

        assertThat(index.use("a", 40)).isEmpty();
        assertThat(index.use("b", 60)).isEmpty();

        assertThat(index.bytes()).isEqualTo(100);
        assertThat(index.size()).isEqualTo(2);
        assertThat(index.evictions()).isZero();
    }

    @Test
    void overTheBudgetTheLeastRecentlyUsedGoFirstUntilItFits() {
        LruIndex<String> index = index(100, 10);
        index.use("a", 30);
        index.use("b", 30);
        index.use("c", 30);

        List<String> removed = index.use("d", 50);

        assertThat(removed).containsExactly("a", "b");
        assertThat(index.bytes()).isEqualTo(80);
        assertThat(index.evictions()).isEqualTo(2);
    }

    @Test
    void aUseMakesAnEntryTheMostRecent() {
        LruIndex<String> index = index(90, 10);
        index.use("a", 30);
        index.use("b", 30);
        index.use("c", 30);

        index.use("a", 30); // read again: now b is the least recently used
        List<String> removed = index.use("d", 30);

        assertThat(removed).containsExactly("b");
    }

    @Test
    void usesInTheSameMillisecondKeepTheirOrder() {
        LruIndex<String> index = index(1_000_000, 3);
        for (int i = 0; i < 3; i++) {
            index.use("k" + i, 1); // the clock does not move
        }
        index.use("k0", 1);

        assertThat(index.use("k3", 1)).containsExactly("k1");
        assertThat(index.use("k4", 1)).containsExactly("k2");
        assertThat(index.use("k5", 1)).containsExactly("k0");
    }

    @Test
    void theCountIsABoundAsMuchAsTheBytes() {
        LruIndex<String> index = index(1_000_000, 3);
        index.use("a", 1);
        index.use("b", 1);
        index.use("c", 1);

        assertThat(index.use("d", 1)).containsExactly("a");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void aUseWithANewWeightIsCountedAtThatWeight() {
        LruIndex<String> index = index(100, 10);
        index.use("a", 40);
        index.use("a", 70);

        assertThat(index.bytes()).isEqualTo(70);
        assertThat(index.use("b", 40)).containsExactly("a");
    }

    @Test
    void anEntryHeavierThanTheWholeBudgetIsNotKeptAndRemovesNothingElse() {
        LruIndex<String> index = index(100, 10);
        index.use("a", 50);

        assertThat(index.fits(101)).isFalse();
        assertThat(index.use("huge", 101)).containsExactly("huge");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.bytes()).isEqualTo(50);
    }

    @Test
    void aBudgetOfZeroKeepsNothing() {
        LruIndex<String> index = index(0, 10);

        assertThat(index.fits(1)).isFalse();
        assertThat(index.use("a", 1)).containsExactly("a");
        assertThat(index.size()).isZero();
    }

    @Test
    void foundEntriesTakeTheirPlaceByTheirTimeBehindEverythingUsedSinceTheStart() {
        LruIndex<String> index = index(40, 10);
        index.use("used-now", 10);
        long start = now.get();
        // The scan finds them in no order of time.
        index.found("written-2h-ago", 10, start - 7_200_000);
        index.found("written-1h-ago", 10, start - 3_600_000);
        index.found("written-3h-ago", 10, start - 10_800_000);

        List<String> removed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            now.addAndGet(1);
            removed.addAll(index.use("new" + i, 10));
        }

        assertThat(removed).containsExactly("written-3h-ago", "written-2h-ago", "written-1h-ago", "used-now");
    }

    @Test
    void aFoundEntryAlreadyKnownKeepsItsPlace() {
        LruIndex<String> index = index(20, 10);
        index.use("a", 10);
        index.use("b", 10);

        assertThat(index.found("b", 10, 0)).isEmpty(); // its file is old, but it was used since the start
        assertThat(index.use("c", 10)).containsExactly("a");
    }

    @Test
    void aFoundEntryOlderThanEverythingOverTheBudgetIsItselfTheOneToRemove() {
        LruIndex<String> index = index(20, 10);
        index.use("a", 10);
        index.use("b", 10);

        assertThat(index.found("ancient", 10, 0)).containsExactly("ancient");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void aFileTimeInTheFutureCountsAsNow() {
        LruIndex<String> index = index(20, 10);
        index.found("skewed", 10, now.get() + 86_400_000); // a clock ahead on another machine
        now.addAndGet(1);
        index.use("a", 10);

        assertThat(index.use("b", 10)).containsExactly("skewed");
    }

    @Test
    void forgettingFreesItsBytesWithoutCountingAnEviction() {
        LruIndex<String> index = index(100, 10);
        index.use("ab/one", 30);
        index.use("ab/two", 30);
        index.use("cd/three", 30);

        index.forget("cd/three");
        index.forgetAll(key -> key.startsWith("ab/"));

        assertThat(index.size()).isZero();
        assertThat(index.bytes()).isZero();
        assertThat(index.evictions()).isZero();
        assertThat(index.use("x", 100)).isEmpty();
    }

    @Test
    void boundsMustMakeSense() {
        assertThatThrownBy(() -> index(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
