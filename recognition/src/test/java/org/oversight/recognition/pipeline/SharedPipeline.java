package org.oversight.recognition.pipeline;

import org.oversight.recognition.assets.AssetCache;

/** Loads the asset cache and the pipeline once per test JVM (loading the weights takes seconds). */
final class SharedPipeline {
    private static AssetCache cache;
    private static FacePipeline pipeline;

    private SharedPipeline() {}

    static synchronized AssetCache cache() throws Exception {
        if (cache == null) {
            cache = AssetCache.openOrFetch();
        }
        return cache;
    }

    static synchronized FacePipeline pipeline() throws Exception {
        if (pipeline == null) {
            pipeline = FacePipeline.load(cache());
        }
        return pipeline;
    }
}
