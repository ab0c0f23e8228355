package org.oversight.domain.event;

import org.oversight.domain.crypto.Sha256Digest;

/**
 * A {@code WatchlistEntryAuthorized} of either schema (docs/format.md §4.6, §12.7): schema 1
 * ({@link WatchlistEntryAuthorized}) carries the subject's templates in the leaf; schema 2
 * ({@link SealedWatchlistEntryAuthorized}) carries only a binding to its sealed enrolment record,
 * which holds the templates and the crops they were derived from.
 *
 * <p>Code that needs only the public members (authorisation, window, withdrawal) takes a
 * {@code WatchlistEntry}; code that needs the templates switches on the two record types.
 */
public sealed interface WatchlistEntry extends EventPayload
        permits WatchlistEntryAuthorized, SealedWatchlistEntryAuthorized {
    /** Most templates (and enrolment crops) an entry may have. */
    int MAX_TEMPLATES = 16;

    /** The entry's id (equals the stream id). */
    String entry();

    /** Pseudonymous subject id (an identifier; never a name). */
    String subject();

    /** The watchlist category, a token. */
    String category();

    /** Reference of the authorisation (warrant, order), 1–256 code points. */
    String authorisationRef();

    /** Principal id of the authorising officer. */
    String authorisedBy();

    /** First instant the entry may match. */
    Timestamp validFrom();

    /** Instant from which it may no longer match; after {@link #validFrom}. */
    Timestamp validUntil();

    /** SHA-256 of the source image the templates were derived from. */
    Sha256Digest sourceImageDigest();

    /** How many templates the entry has (in the leaf for schema 1, in the sealed record for schema 2). */
    int templateCount();

    /** Whether the authorisation covers instant {@code t}: {@code validFrom <= t < validUntil}. */
    default boolean validAt(Timestamp t) {
        return validFrom().compareTo(t) <= 0 && t.compareTo(validUntil()) < 0;
    }

    @Override
    default EventType type() {
        return EventType.WATCHLIST_ENTRY_AUTHORIZED;
    }

    @Override
    default StreamId stream() {
        return StreamId.watchlist(entry());
    }
}
