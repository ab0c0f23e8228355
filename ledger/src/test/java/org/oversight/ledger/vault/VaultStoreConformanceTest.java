package org.oversight.ledger.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.ledger.vault.VaultStore.KeptRecord;
import org.oversight.ledger.vault.VaultStore.PutOutcome;

/**
 * The contract every vault store meets. Subclasses provide a store on a real database, which may
 * hold other tests' data, so every test uses fresh epochs and digests.
 *
 * <ul>
 *   <li>blobs: content-addressed and idempotent; erasure removes the bytes for good, keeps the
 *       digest known as erased, and a later put does not store it again;</li>
 *   <li>epoch keys: one per epoch whatever the number of calls; destroyed keys are gone and never
 *       replaced;</li>
 *   <li>case keys: one per case reference;</li>
 *   <li>kept records: one per detection, listed per epoch and when due, destroyed with their blob;</li>
 *   <li>enrolment records: one per entry, idempotent, erased for good;</li>
 *   <li>restart: all of it holds after the store is closed and reopened.</li>
 * </ul>
 */
public abstract class VaultStoreConformanceTest {

    /** The store under test (a new instance after {@link #reopen}). */
    protected abstract VaultStore store();

    /** Closes the store and its connection (and server where the test owns it), then reopens it. */
    protected abstract void reopen() throws Exception;

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void aBatchOfBlobsIsStoredInOrderOnceEach() {
        String epoch = fresh("epoch");
        byte[] a = bytes("batch a " + epoch);
        byte[] b = bytes("batch b " + epoch);
        byte[] c = bytes("batch c " + epoch);
        store().putBlob(Sha256Digest.hash(c), c, epoch, "detections/cam-b", 2);
        VaultStore.NewBlob na = new VaultStore.NewBlob(Sha256Digest.hash(a), a, epoch, "detections/cam-b", 0);
        VaultStore.NewBlob nb = new VaultStore.NewBlob(Sha256Digest.hash(b), b, epoch, "detections/cam-b", 1);
        VaultStore.NewBlob nc = new VaultStore.NewBlob(Sha256Digest.hash(c), c, epoch, "detections/cam-b", 2);
        assertThat(store().putBlobs(java.util.List.of(na, nb, nc, na))).containsExactly(PutOutcome.STORED,
                PutOutcome.STORED, PutOutcome.ALREADY_STORED, PutOutcome.ALREADY_STORED);
        VaultStore.StoredBlob stored = store().blob(nb.digest()).orElseThrow();
        assertThat(stored.bytes()).hasValueSatisfying(x -> assertThat(x).isEqualTo(b));
        assertThat(stored.epoch()).isEqualTo(epoch);
        assertThat(stored.stream()).isEqualTo("detections/cam-b");
        assertThat(stored.seq()).isEqualTo(1);
        assertThat(store().liveBlobs(epoch)).containsExactlyInAnyOrder(na.digest(), nb.digest(), nc.digest());
        assertThat(store().putBlobs(java.util.List.of(nb, na))).as("idempotent resubmission")
                .containsExactly(PutOutcome.ALREADY_STORED, PutOutcome.ALREADY_STORED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store().putBlobs(java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchWithAnErasedBlobStoresNothing() {
        String epoch = fresh("epoch");
        byte[] gone = bytes("erased " + epoch);
        byte[] fresh = bytes("new " + epoch);
        store().putBlob(Sha256Digest.hash(gone), gone, epoch, "detections/cam-e", 0);
        store().eraseBlob(Sha256Digest.hash(gone));
        VaultStore.NewBlob nf = new VaultStore.NewBlob(Sha256Digest.hash(fresh), fresh, epoch, "detections/cam-e", 1);
        VaultStore.NewBlob ng = new VaultStore.NewBlob(Sha256Digest.hash(gone), gone, epoch, "detections/cam-e", 0);
        assertThat(store().putBlobs(java.util.List.of(nf, ng))).containsExactly(PutOutcome.STORED, PutOutcome.ERASED);
        assertThat(store().blob(nf.digest())).as("rolled back with the erased one").isEmpty();
        assertThat(store().blob(ng.digest()).orElseThrow().erased()).isTrue();
        assertThat(store().putBlobs(java.util.List.of(nf))).containsExactly(PutOutcome.STORED);
    }

    @Test
    void blobsAreStoredOnceAndReadBack() {
        String epoch = fresh("epoch");
        byte[] blob = bytes("sealed " + epoch);
        Sha256Digest digest = Sha256Digest.hash(blob);
        assertThat(store().putBlob(digest, blob, epoch, "detections/cam-1", 7)).isEqualTo(PutOutcome.STORED);
        assertThat(store().putBlob(digest, blob, epoch, "detections/cam-1", 7)).isEqualTo(PutOutcome.ALREADY_STORED);
        VaultStore.StoredBlob stored = store().blob(digest).orElseThrow();
        assertThat(stored.bytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo(blob));
        assertThat(stored.epoch()).isEqualTo(epoch);
        assertThat(stored.stream()).isEqualTo("detections/cam-1");
        assertThat(stored.seq()).isEqualTo(7);
        assertThat(store().liveBlobs(epoch)).containsExactly(digest);
        assertThat(store().blob(Sha256Digest.hash(bytes("never stored " + epoch)))).isEmpty();
        Sha256Digest absent = Sha256Digest.hash(bytes("absent " + epoch));
        assertThat(store().blobStates(java.util.List.of(digest, absent)))
                .containsExactly(java.util.Map.entry(digest, new VaultStore.BlobState(epoch, "detections/cam-1", 7, false)));
        assertThat(store().blobStates(java.util.List.of())).isEmpty();
    }

    @Test
    void anErasedBlobIsGoneAndNotStoredAgain() {
        String epoch = fresh("epoch");
        byte[] a = bytes("a " + epoch);
        byte[] b = bytes("b " + epoch);
        store().putBlob(Sha256Digest.hash(a), a, epoch, "detections/cam-1", 0);
        store().putBlob(Sha256Digest.hash(b), b, epoch, "detections/cam-1", 1);
        assertThat(store().eraseBlob(Sha256Digest.hash(a))).isTrue();
        assertThat(store().eraseBlob(Sha256Digest.hash(a))).isFalse();
        assertThat(store().blob(Sha256Digest.hash(a)).orElseThrow().erased()).isTrue();
        assertThat(store().blob(Sha256Digest.hash(a)).orElseThrow().bytes()).isEmpty();
        assertThat(store().putBlob(Sha256Digest.hash(a), a, epoch, "detections/cam-1", 0)).isEqualTo(PutOutcome.ERASED);
        assertThat(store().blob(Sha256Digest.hash(a)).orElseThrow().erased()).isTrue();
        assertThat(store().liveBlobs(epoch)).containsExactly(Sha256Digest.hash(b));
        assertThat(store().blobStates(java.util.List.of(Sha256Digest.hash(a))).get(Sha256Digest.hash(a)).erased()).isTrue();
        assertThat(store().eraseBlob(Sha256Digest.hash(bytes("absent " + epoch)))).isFalse();
    }

    @Test
    void oneKeyPerEpochAndADestroyedKeyIsNeverReplaced() {
        String epoch = fresh("epoch");
        VaultStore.EpochKey first = store().putEpochKeyIfAbsent(epoch, key(1), key(2));
        VaultStore.EpochKey second = store().putEpochKeyIfAbsent(epoch, key(3), key(4));
        assertThat(second.publicKey()).isEqualTo(key(1));
        assertThat(second.privateKey()).hasValueSatisfying(p -> assertThat(p).isEqualTo(key(2)));
        assertThat(first.destroyed()).isFalse();
        assertThat(store().epochsWithLiveKeys()).contains(epoch);
        Instant at = Instant.parse("2026-12-06T12:00:00Z");
        assertThat(store().destroyEpochKey(epoch, at)).isTrue();
        assertThat(store().destroyEpochKey(epoch, at)).isFalse();
        VaultStore.EpochKey destroyed = store().epochKey(epoch).orElseThrow();
        assertThat(store().epochsWithLiveKeys()).doesNotContain(epoch);
        assertThat(destroyed.destroyed()).isTrue();
        assertThat(destroyed.publicKey()).isEqualTo(key(1));
        VaultStore.EpochKey again = store().putEpochKeyIfAbsent(epoch, key(5), key(6));
        assertThat(again.destroyed()).isTrue();
        assertThat(again.publicKey()).isEqualTo(key(1));
        assertThat(store().epochKey(fresh("unknown"))).isEmpty();
        assertThat(store().destroyEpochKey(fresh("unknown"), at)).isFalse();
    }

    @Test
    void oneCaseKeyPerCase() {
        String caseRef = fresh("CASE");
        store().putCaseKeyIfAbsent(caseRef, key(7), key(8));
        VaultStore.CaseKey stored = store().putCaseKeyIfAbsent(caseRef, key(9), key(10));
        assertThat(stored.publicKey()).isEqualTo(key(7));
        assertThat(stored.privateKey()).isEqualTo(key(8));
        assertThat(store().caseKey(fresh("CASE"))).isEmpty();
    }

    @Test
    void keptRecordsAreListedWhenDueAndDestroyedWithTheirBlob() {
        String epoch = fresh("epoch");
        byte[] blob = bytes("kept " + epoch);
        Sha256Digest blobDigest = Sha256Digest.hash(blob);
        store().putBlob(blobDigest, blob, epoch, "detections/cam-2", 3);
        Sha256Digest detection = Sha256Digest.hash(bytes("detection " + epoch));
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        KeptRecord kept = new KeptRecord(detection, 42, epoch, "CASE-1", blobDigest, until, Optional.of(key(11)));
        store().putKeptIfAbsent(kept);
        KeptRecord other = new KeptRecord(detection, 43, epoch, "CASE-2", blobDigest, until, Optional.of(key(12)));
        KeptRecord stored = store().putKeptIfAbsent(other);
        assertThat(stored.caseRef()).isEqualTo("CASE-1");
        assertThat(stored.leafIndex()).isEqualTo(42);
        assertThat(stored.caseWrap()).hasValueSatisfying(w -> assertThat(w).isEqualTo(key(11)));
        assertThat(store().keptOf(epoch)).extracting(KeptRecord::detectionHash).containsExactly(detection);
        assertThat(store().keptDue(until.minusSeconds(1))).extracting(KeptRecord::detectionHash).doesNotContain(detection);
        assertThat(store().keptDue(until)).extracting(KeptRecord::detectionHash).contains(detection);

        assertThat(store().destroyKept(detection)).isTrue();
        assertThat(store().destroyKept(detection)).isFalse();
        assertThat(store().kept(detection).orElseThrow().destroyed()).isTrue();
        assertThat(store().blob(blobDigest).orElseThrow().erased()).isTrue();
        assertThat(store().keptDue(until)).extracting(KeptRecord::detectionHash).doesNotContain(detection);
    }

    @Test
    void oneOpeningReadAnswersWhatTheThreeLookUpsAnswerInEveryState() {
        String epoch = fresh("epoch");
        byte[] blob = bytes("opening " + epoch);
        Sha256Digest blobDigest = Sha256Digest.hash(blob);
        Sha256Digest detection = Sha256Digest.hash(bytes("detection " + epoch));
        assertOpeningIsTheLookUps(detection, epoch, blobDigest); // nothing stored
        store().putBlob(blobDigest, blob, epoch, "detections/cam-9", 7);
        assertOpeningIsTheLookUps(detection, epoch, blobDigest); // blob only
        store().putEpochKeyIfAbsent(epoch, key(21), key(22));
        assertOpeningIsTheLookUps(detection, epoch, blobDigest); // blob and live key
        store().putKeptIfAbsent(new KeptRecord(detection, 5, epoch, "CASE-O", blobDigest,
                Instant.parse("2030-01-01T00:00:00Z"), Optional.of(key(23))));
        assertOpeningIsTheLookUps(detection, epoch, blobDigest); // kept
        store().destroyEpochKey(epoch, Instant.parse("2026-11-27T11:00:00Z"));
        store().destroyKept(detection);
        assertOpeningIsTheLookUps(detection, epoch, blobDigest); // key destroyed, kept record destroyed, blob erased
        assertThat(store().opening(detection, epoch, blobDigest).blob().orElseThrow().erased()).isTrue();
    }

    private void assertOpeningIsTheLookUps(Sha256Digest detection, String epoch, Sha256Digest blobDigest) {
        VaultStore.Opening one = store().opening(detection, epoch, blobDigest);
        assertThat(one.kept().map(VaultStoreConformanceTest::describe))
                .isEqualTo(store().kept(detection).map(VaultStoreConformanceTest::describe));
        assertThat(one.epochKey().map(VaultStoreConformanceTest::describe))
                .isEqualTo(store().epochKey(epoch).map(VaultStoreConformanceTest::describe));
        assertThat(one.blob().map(VaultStoreConformanceTest::describe))
                .isEqualTo(store().blob(blobDigest).map(VaultStoreConformanceTest::describe));
    }

    /** A record's components with byte arrays as hex (records compare arrays by identity). */
    private static String describe(Record r) {
        StringBuilder out = new StringBuilder(r.getClass().getSimpleName());
        for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            if (v instanceof Optional<?> o) {
                v = o.map(x -> x instanceof byte[] b ? org.oversight.domain.bytes.Hex.encode(b) : x).orElse("empty");
            }
            out.append(' ').append(c.getName()).append('=')
                    .append(v instanceof byte[] b ? org.oversight.domain.bytes.Hex.encode(b) : v);
        }
        return out.toString();
    }

    @Test
    void everythingHoldsAfterARestart() throws Exception {
        String epoch = fresh("epoch");
        byte[] blob = bytes("restart " + epoch);
        Sha256Digest digest = Sha256Digest.hash(blob);
        store().putBlob(digest, blob, epoch, "detections/cam-3", 0);
        store().putEpochKeyIfAbsent(epoch, key(21), key(22));
        String closed = fresh("closed");
        store().putEpochKeyIfAbsent(closed, key(23), key(24));
        store().destroyEpochKey(closed, Instant.parse("2026-12-06T12:00:00Z"));
        String caseRef = fresh("CASE");
        store().putCaseKeyIfAbsent(caseRef, key(25), key(26));

        reopen();

        assertThat(store().blob(digest).orElseThrow().bytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo(blob));
        assertThat(store().epochKey(epoch).orElseThrow().privateKey())
                .hasValueSatisfying(p -> assertThat(p).isEqualTo(key(22)));
        assertThat(store().epochKey(closed).orElseThrow().destroyed()).isTrue();
        assertThat(store().caseKey(caseRef).orElseThrow().privateKey()).isEqualTo(key(26));
    }

    @Test
    void enrolmentRecordsAreStoredOncePerEntryAndErasedForGood() throws Exception {
        String entry = fresh("wl");
        byte[] record = bytes("enrolment " + entry);
        assertThat(store().putEnrolment(entry, record)).isEqualTo(PutOutcome.STORED);
        assertThat(store().putEnrolment(entry, record)).isEqualTo(PutOutcome.ALREADY_STORED);
        assertThat(store().enrolment(entry).orElseThrow().bytes()).hasValueSatisfying(b -> assertThat(b).isEqualTo(record));
        assertThat(store().liveEnrolments()).contains(entry);
        reopen();
        assertThat(store().enrolment(entry).orElseThrow().erased()).isFalse();
        assertThat(store().eraseEnrolment(entry)).isTrue();
        assertThat(store().eraseEnrolment(entry)).isFalse();
        assertThat(store().enrolment(entry).orElseThrow().erased()).isTrue();
        assertThat(store().liveEnrolments()).doesNotContain(entry);
        assertThat(store().putEnrolment(entry, record)).isEqualTo(PutOutcome.ERASED);
        assertThat(store().enrolment(entry).orElseThrow().bytes()).isEmpty();
        assertThat(store().enrolment(fresh("wl"))).isEmpty();
    }
}
