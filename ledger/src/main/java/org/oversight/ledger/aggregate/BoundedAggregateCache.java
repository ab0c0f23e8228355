package org.oversight.ledger.aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * A strongly referenced, least-recently-used Axon {@link Cache} of at most {@code capacity} entries.
 *
 * <p>Why not Axon's {@code WeakReferenceCache}: under ingest load the young-generation collector
 * clears weak references within milliseconds, so nearly every command re-read its whole stream
 * from the event store (quadratic in a camera's detections). Entries here stay until evicted by
 * size or removed; correctness does not depend on them (a miss re-reads the stream), and the ingest
 * path empties the cache whenever its transaction rolls back.
 *
 * <p>Thread-safe (all operations synchronise on this cache).
 */
public final class BoundedAggregateCache implements Cache {
    private final int capacity;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedHashMap<Object, Object> entries;

    /** @param capacity maximum number of cached aggregates; must be positive */
    public BoundedAggregateCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                boolean evict = size() > BoundedAggregateCache.this.capacity;
                if (evict) {
                    listeners.forEach(l -> l.onEntryExpired(eldest.getKey()));
                }
                return evict;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for key " + key);
        }
        Object old = entries.put(key, value);
        listeners.forEach(l -> {
            if (old == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object value = entries.get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object value = entries.get(key);
        if (value == null) {
            return;
        }
        V next = update.apply((V) value);
        if (next == null) {
            remove(key);
        } else {
            put(key, next);
        }
    }

    @Override
    public synchronized boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public synchronized void removeAll() {
        for (Object key : List.copyOf(entries.keySet())) {
            remove(key);
        }
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** For tests and diagnostics. */
    synchronized int size() {
        return entries.size();
    }
}
