package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundedAggregateCacheTest {
    @Test
    void evictsTheLeastRecentlyUsedBeyondCapacity() {
        BoundedAggregateCache cache = new BoundedAggregateCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1); // a is now the most recently used
        cache.put("c", 3);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void removeAllEmptiesItAndCapacityMustBePositive() {
        BoundedAggregateCache cache = new BoundedAggregateCache(4);
        cache.put("a", 1);
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.remove("a")).isTrue();
        cache.put("b", 1);
        cache.removeAll();
        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> new BoundedAggregateCache(0)).hasMessageContaining("capacity 0 < 1");
    }
}
