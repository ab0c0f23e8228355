package org.oversight.ops.bench;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonValue;

/**
 * The per-event paths of docs/design.md §9 on a realistic FaceDetected (~1.6 KB with its template and
 * 68 landmarks): canonicalise + sign as an emitter does, and parse + verify + hash as the ledger
 * and the verifier do. Compare with {@link RawEd25519Benchmark} from the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventPathBenchmark {
    private Ed25519PrivateKey cameraKey;
    private Ed25519PublicKey cameraPublicKey;
    private FaceDetected payload;
    private Timestamp time;
    private Optional<EventHash> prev;
    private byte[] leafBytes;
    private byte[] signingInput;
    private byte[] signatureBytes;
    private byte[] publicKeyBytes;
    private Ed25519PrivateKeyParameters rawPrivateKey;

    @Setup
    public void setUp() {
        cameraKey = EventFixtures.key(7);
        cameraPublicKey = cameraKey.publicKey();
        payload = EventFixtures.faceDetected();
        time = EventFixtures.time("2026-11-27T09:30:00.040Z");
        prev = Optional.of(EventHash.ofLeafBytes(new byte[] {1}));
        SignedEvent event = sign();
        leafBytes = event.leafBytes();
        signingInput = event.signingInput();
        signatureBytes = event.signature().toByteArray();
        publicKeyBytes = cameraPublicKey.toByteArray();
        rawPrivateKey = new Ed25519PrivateKeyParameters(cameraKey.exportSeed(), 0);
    }

    /**
     * The yardstick for {@link #parseVerifyHash}: raw Bouncy Castle verify of the very bytes the
     * event's signature covers, starting from the raw public key as a naive verifier would.
     */
    @Benchmark
    public boolean rawVerifySameBytes() {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKeyBytes, 0));
        verifier.update(signingInput, 0, signingInput.length);
        return verifier.verifySignature(signatureBytes);
    }

    /**
     * The yardstick for {@link #canonicaliseAndSign}: raw Bouncy Castle signing of the very bytes
     * the event's signature covers, with a key object made once.
     */
    @Benchmark
    public byte[] rawSignSameBytes() {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, rawPrivateKey);
        signer.update(signingInput, 0, signingInput.length);
        return signer.generateSignature();
    }

    /** Emitter side: build header, canonicalise, sign, produce leaf bytes. */
    @Benchmark
    public byte[] canonicaliseAndSign() {
        return sign().leafBytes();
    }

    /** Ledger/verifier side: strict canonical parse, signature check, event hash. */
    @Benchmark
    public EventHash parseVerifyHash() throws Exception {
        SignedEvent event = SignedEvent.parse(leafBytes);
        EventVerifier.verify(event, cameraPublicKey);
        return event.eventHash();
    }

    /** Parse alone, to show where the time goes. */
    @Benchmark
    public JsonValue canonicalParseOnly() throws Exception {
        return CanonicalJson.parseCanonical(leafBytes);
    }

    private SignedEvent sign() {
        return EventSigner.sign("cam-0042:000123", 123, prev, time, payload, cameraKey);
    }
}
