package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCastTest {
    private static final String PHOTOS = "recognition/src/test/resources/golden/photos.tsv";

    /** The accuracy tests' label file, found by walking up from the working directory to the repository root. */
    private static PhotoCatalogue catalogue() throws IOException {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(PHOTOS))) {
                return PhotoCatalogue.read(d.resolve(PHOTOS));
            }
        }
        throw new IllegalStateException(PHOTOS + " not found above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void everyCastIsConsistentWithTheLabels() throws IOException {
        PhotoCatalogue labels = catalogue();
        for (DemoCast cast : List.of(DemoCast.full(), DemoCast.small())) {
            Set<String> enrolled = cast.enrolments().stream().map(DemoCast.Enrolment::photo).collect(Collectors.toSet());
            Set<String> entries = cast.enrolments().stream().map(DemoCast.Enrolment::entry).collect(Collectors.toSet());
            assertThat(entries).hasSameSizeAs(cast.enrolments());
            // a person's enrolment photo is never one of the sightings: every match compares two different photos
            assertThat(cast.sightings()).doesNotContainAnyElementsOf(enrolled).doesNotHaveDuplicates();
            // every photo is labelled (person() throws otherwise), and one person has at most one entry
            Set<String> people = cast.enrolments().stream().map(e -> labels.person(e.photo())).collect(Collectors.toSet());
            assertThat(people).hasSameSizeAs(cast.enrolments());
            cast.sightings().forEach(labels::person);
            for (DemoCast.ReviewPlan plan : cast.reviews()) {
                DemoCast.Enrolment e = cast.enrolments().stream().filter(x -> x.entry().equals(plan.entry()))
                        .findFirst().orElseThrow();
                assertThat(e.expired()).as("reviewed entry %s must be able to match", e.entry()).isFalse();
                assertThat(cast.sightings().stream().map(labels::person))
                        .as("someone must sight the person of %s", e.entry()).contains(labels.person(e.photo()));
            }
            // The retrospective searches' entry: someone sighted, with no valid live entry, not from a sighting.
            String searched = labels.person(cast.searchEntry().photo());
            assertThat(cast.sightings().stream().map(labels::person)).contains(searched);
            assertThat(cast.sightings()).doesNotContain(cast.searchEntry().photo());
            assertThat(cast.enrolments()).filteredOn(e -> !e.expired())
                    .noneMatch(e -> labels.person(e.photo()).equals(searched));
            assertThat(entries).doesNotContain(cast.searchEntry().entry());
            assertThat(cast.reviews()).extracting(DemoCast.ReviewPlan::decision)
                    .contains(DemoCast.Decision.CONFIRM_AND_ACTION, DemoCast.Decision.REJECT);
        }
    }

    @Test
    void catalogueReadsLabelsAndRejectsMalformedLines(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("ok.tsv");
        Files.writeString(ok, "# comment\na.jpg\talice\t1\t2\t3\nb.jpg\tbob\nc.jpg\talice\n");
        PhotoCatalogue c = PhotoCatalogue.read(ok);
        assertThat(c.person("b.jpg")).isEqualTo("bob");
        assertThat(c.photosOf("alice")).containsExactly("a.jpg", "c.jpg");
        assertThatThrownBy(() -> c.person("d.jpg")).hasMessageContaining("photo d.jpg is not in the catalogue");

        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "a.jpg\n");
        assertThatThrownBy(() -> PhotoCatalogue.read(bad)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 1");
        Path twice = dir.resolve("twice.tsv");
        Files.writeString(twice, "a.jpg\tx\na.jpg\ty\n");
        assertThatThrownBy(() -> PhotoCatalogue.read(twice)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2: photo a.jpg listed twice");
    }
}
