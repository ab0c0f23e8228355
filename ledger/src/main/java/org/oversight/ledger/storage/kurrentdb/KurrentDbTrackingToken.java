package org.oversight.ledger.storage.kurrentdb;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kurrent.dbclient.Position;
import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;

/**
 * Tracking token holding a KurrentDB {@code $all} position: the position of the last record
 * consumed (delivered OR skipped by the engine's filter). Reading resumes strictly after it.
 *
 * <p>Positions compare by commit position, then prepare position (KurrentDB's order on
 * {@code $all}). They are unsigned on the wire; values beyond {@link Long#MAX_VALUE} do not occur
 * in practice and are rejected.
 */
public final class KurrentDbTrackingToken implements TrackingToken {

    private final long commitPosition;
    private final long preparePosition;

    @JsonCreator
    public KurrentDbTrackingToken(@JsonProperty("commitPosition") long commitPosition,
                                  @JsonProperty("preparePosition") long preparePosition) {
        if (commitPosition < 0 || preparePosition < 0) {
            throw new IllegalArgumentException("position (" + Long.toUnsignedString(commitPosition) + ", "
                    + Long.toUnsignedString(preparePosition) + ") beyond " + Long.MAX_VALUE);
        }
        this.commitPosition = commitPosition;
        this.preparePosition = preparePosition;
    }

    static KurrentDbTrackingToken of(Position position) {
        return new KurrentDbTrackingToken(position.getCommitUnsigned(), position.getPrepareUnsigned());
    }

    Position toPosition() {
        return new Position(commitPosition, preparePosition);
    }

    @JsonProperty("commitPosition")
    public long commitPosition() {
        return commitPosition;
    }

    @JsonProperty("preparePosition")
    public long preparePosition() {
        return preparePosition;
    }

    /** Whether {@code position} lies strictly after this token. */
    boolean isBefore(Position position) {
        return compare(position.getCommitUnsigned(), position.getPrepareUnsigned()) < 0;
    }

    private int compare(long otherCommit, long otherPrepare) {
        int byCommit = Long.compare(commitPosition, otherCommit);
        return byCommit != 0 ? byCommit : Long.compare(preparePosition, otherPrepare);
    }

    private static KurrentDbTrackingToken cast(TrackingToken other) {
        if (!(other instanceof KurrentDbTrackingToken token)) {
            throw new IllegalArgumentException("not a KurrentDB token: " + other);
        }
        return token;
    }

    @Override
    public TrackingToken lowerBound(TrackingToken other) {
        KurrentDbTrackingToken that = cast(other);
        return compare(that.commitPosition, that.preparePosition) <= 0 ? this : that;
    }

    @Override
    public TrackingToken upperBound(TrackingToken other) {
        KurrentDbTrackingToken that = cast(other);
        return compare(that.commitPosition, that.preparePosition) >= 0 ? this : that;
    }

    @Override
    public boolean covers(TrackingToken other) {
        if (other == null) {
            return true;
        }
        KurrentDbTrackingToken that = cast(other);
        return compare(that.commitPosition, that.preparePosition) >= 0;
    }

    @Override
    public OptionalLong position() {
        return OptionalLong.of(commitPosition);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KurrentDbTrackingToken that
                && commitPosition == that.commitPosition && preparePosition == that.preparePosition;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(commitPosition) * 31 + Long.hashCode(preparePosition);
    }

    @Override
    public String toString() {
        return "KurrentDbTrackingToken{commit=" + commitPosition + ", prepare=" + preparePosition + "}";
    }
}
