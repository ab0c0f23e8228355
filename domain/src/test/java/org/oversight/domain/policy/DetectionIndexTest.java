package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;

class DetectionIndexTest {
    private static FaceDetected detection(long millis, String model, int format) {
        FaceDetected d = EventFixtures.faceDetected();
        return new FaceDetected(d.camera(), Timestamp.ofEpochMillis(millis), d.frameDigest(), d.faceBox(),
                d.landmarks(), d.alignedCropDigest(), Template.of(new byte[] {1, 2, 3}, format, model), d.quality());
    }

    @Test
    void returnsExactlyWhatWasRecordedAndNothingElse() {
        qt().withExamples(20).withFixedSeed(0x7231_0101L)
                .forAll(integers().between(0, 300), longs().between(1, 5), integers().between(1, 3))
                .checkAssert((count, step, models) -> {
                    DetectionIndex index = new DetectionIndex();
                    TreeMap<Long, DetectionIndex.Detection> expected = new TreeMap<>();
                    for (int i = 0; i < count; i++) {
                        long leaf = 3 + i * step;
                        EventHash hash = EventHash.ofLeafBytes(EventFixtures.counting(i + 1));
                        String model = "model-" + (i % models);
                        FaceDetected d = detection(1_795_000_000_000L + 40L * i, model, 1 + i % 2);
                        if (i % 3 == 0) {
                            index.add(leaf, hash, d);
                            expected.put(leaf, new DetectionIndex.Detection(hash, d.captureTime(), model, 1 + i % 2,
                                    null));
                        } else {
                            String epoch = "ep-" + (i % 3);
                            index.add(leaf, hash, d.captureTime(), model, 1 + i % 2, epoch);
                            expected.put(leaf, new DetectionIndex.Detection(hash, d.captureTime(), model, 1 + i % 2,
                                    epoch));
                        }
                    }
                    assertThat(index.size()).isEqualTo(count);
                    for (long leaf = 0; leaf < 3 + count * step + 2; leaf++) {
                        assertThat(index.at(leaf)).as("leaf %d", leaf).isEqualTo(expected.get(leaf));
                    }
                });
    }

    @Test
    void leavesMustIncrease() {
        DetectionIndex index = new DetectionIndex();
        FaceDetected d = detection(0, "m", 1);
        index.add(5, EventHash.ofLeafBytes(new byte[] {1}), d);
        assertThatThrownBy(() -> index.add(5, EventHash.ofLeafBytes(new byte[] {2}), d))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("leaf 5 <= last detection leaf 5");
    }
}
