package org.oversight.recognition.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.embed.FaceDescriptor;

/**
 * Manual tool (not a test): same/different-person descriptor distances over the 28 photos of
 * {@code golden/photos.tsv}, with crops from the full pipeline (detector + landmarks + dlib
 * alignment) instead of the fixed square boxes; the best-scoring face of each photo is used.
 */
public final class AlignedAccuracyReport {
    private AlignedAccuracyReport() {}

    public static void main(String[] args) throws Exception {
        AssetCache cache = AssetCache.open();
        FacePipeline pipeline = FacePipeline.load(cache);
        String tsv = new String(AlignedAccuracyReport.class.getResourceAsStream("/golden/photos.tsv").readAllBytes(),
                StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        List<String> people = new ArrayList<>();
        List<FaceDescriptor> descriptors = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            List<FaceResult> faces = pipeline.process(cache.readPhoto(f[0]));
            if (faces.isEmpty() || faces.get(0).descriptor().isEmpty()) {
                System.out.println("no aligned face: " + f[0]);
                continue;
            }
            names.add(f[0]);
            people.add(f[1]);
            descriptors.add(faces.get(0).descriptor().get());
        }
        double maxSame = 0;
        double minDiff = Double.MAX_VALUE;
        String maxSamePair = "";
        String minDiffPair = "";
        int same = 0;
        int diff = 0;
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                double d = descriptors.get(i).euclideanDistance(descriptors.get(j));
                if (people.get(i).equals(people.get(j))) {
                    same++;
                    if (d > maxSame) {
                        maxSame = d;
                        maxSamePair = names.get(i) + " / " + names.get(j);
                    }
                } else {
                    diff++;
                    if (d < minDiff) {
                        minDiff = d;
                        minDiffPair = names.get(i) + " / " + names.get(j);
                    }
                }
            }
        }
        System.out.printf("%d photos; same person (%d pairs) max %.4f (%s); different (%d pairs) min %.4f (%s)%n",
                names.size(), same, maxSame, maxSamePair, diff, minDiff, minDiffPair);
    }
}
