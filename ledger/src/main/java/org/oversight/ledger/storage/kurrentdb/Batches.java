package org.oversight.ledger.storage.kurrentdb;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A lazy stream over pages fetched one at a time from a cursor. */
final class Batches {

    private Batches() {
    }

    /**
     * One fetched page.
     *
     * @param items what the page yields (may be empty although more pages follow: filtered records)
     * @param next cursor for the following page
     * @param more whether another page may follow
     */
    record Page<T, C>(List<T> items, C next, boolean more) {
    }

    static <T, C> Stream<T> stream(C start, Function<C, Page<? extends T, C>> fetch) {
        Iterator<T> iterator = new Iterator<>() {
            private C cursor = start;
            private Iterator<? extends T> current = List.<T>of().iterator();
            private boolean more = true;

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && more) {
                    Page<? extends T, C> page = fetch.apply(cursor);
                    cursor = page.next();
                    more = page.more();
                    current = page.items().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }
}
