package org.oversight.domain.bundle;

/** Random access to a log's leaf bytes (docs/format.md §6.1) by leaf index. */
@FunctionalInterface
public interface LeafSource {
    /**
     * The leaf bytes at {@code index}; the caller owns the returned array.
     *
     * @throws BundleBuildException if the leaf cannot be read (the message names the index)
     */
    byte[] leaf(long index) throws BundleBuildException;
}
