package org.oversight.domain.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Template;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;

/** Records files (docs/format.md §10.1): round trip, every framing error named with its line, and a fuzz test. */
class RecordsFileTest {
    static final EventHash DISCLOSURE = EventHash.ofLeafBytes("disclosure".getBytes(StandardCharsets.UTF_8));

    static BiometricRecord record(int n) {
        byte[] crop = new byte[300];
        Arrays.fill(crop, (byte) n);
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) (n + 1));
        return BiometricRecord.of(Template.of(EventFixtures.counting(16 + n), 1, "face-api/face_recognition_model@1.7.15"),
                EventFixtures.landmarks(), crop, nonce);
    }

    static RecordsFile.Entry entry(int leaf) {
        return new RecordsFile.Entry(new DetectionRef(EventHash.ofLeafBytes(new byte[] {(byte) leaf}), leaf),
                record(leaf));
    }

    static byte[] file(RecordsFile.Entry... entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordsFileWriter w = new RecordsFileWriter(out, DISCLOSURE);
        for (RecordsFile.Entry e : entries) {
            w.write(e);
        }
        return out.toByteArray();
    }

    static List<RecordsFile.Entry> read(byte[] bytes) throws Exception {
        RecordsFileReader r = new RecordsFileReader(new ByteArrayInputStream(bytes));
        assertThat(r.disclosure()).isEqualTo(DISCLOSURE);
        List<RecordsFile.Entry> out = new ArrayList<>();
        for (RecordsFile.Entry e = r.next(); e != null; e = r.next()) {
            out.add(e);
        }
        assertThat(r.next()).isNull();
        return out;
    }

    @Test
    void whatIsWrittenIsReadBackRecordForRecordWithTheRecordsCommitmentUnchanged() throws Exception {
        byte[] bytes = file(entry(3), entry(9));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"disclosure\":\"" + DISCLOSURE.hex() + "\",\"format\":\"oversight/records/v1\"}\n"
                + "{\"detection\":{\"eventHash\":\"" + entry(3).detection().eventHash().hex() + "\",\"leafIndex\":3},"
                + "\"record\":{\"alignedCrop\":\"");
        assertThat(text.split("\n", -1)).hasSize(4).endsWith("");
        List<RecordsFile.Entry> back = read(bytes);
        assertThat(back).hasSize(2);
        assertThat(back.get(1).detection()).isEqualTo(entry(9).detection());
        assertThat(back.get(1).record()).isEqualTo(record(9));
        assertThat(back.get(1).record().commitment()).isEqualTo(record(9).commitment());
        assertThat(read(file())).isEmpty();
    }

    @Test
    void malformedFilesAreRefusedNamingTheLine() throws Exception {
        String header = "{\"disclosure\":\"" + DISCLOSURE.hex() + "\",\"format\":\"oversight/records/v1\"}\n";
        String line3 = new String(file(entry(3)), StandardCharsets.UTF_8).substring(header.length());
        assertRefused("", "records line 1: empty input: no header line");
        assertRefused(header.replace("v1", "v2"), "records line 1: format 'oversight/records/v2' is not"
                + " 'oversight/records/v1'");
        assertRefused(header.replace("\"format\"", "\"extra\":1,\"format\""), "records line 1: header:");
        assertRefused(header + line3 + line3, "records line 3: detection leaf index 3 is not above the previous 3");
        assertRefused(header + line3.replace("\"record\"", "\"note\":\"x\",\"record\""), "records line 2:");
        assertRefused(header + line3.replace("\"nonce\":\"", "\"nonce\":\"AA"), "records line 2:");
        assertRefused(header + line3.substring(0, line3.length() - 1), "records line 2: line is not terminated by LF");
        assertRefused(header + "\n", "records line 2: empty line");
        assertRefused(header + line3.replace("{\"detection\":{", "{ \"detection\":{"), "records line 2:");
        assertThatThrownBy(() -> new RecordsFileWriter(new ByteArrayOutputStream(), DISCLOSURE).write(null))
                .isInstanceOf(NullPointerException.class);
        RecordsFileWriter w = new RecordsFileWriter(new ByteArrayOutputStream(), DISCLOSURE);
        w.write(entry(4));
        assertThatThrownBy(() -> w.write(entry(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("detection leaf 4 <= previous 4");
    }

    static EnrolmentRecord enrolment(String entry, int n) {
        byte[] crop = new byte[200];
        Arrays.fill(crop, (byte) n);
        return EnrolmentRecord.of(entry, List.of(new EnrolmentRecord.Crop(crop,
                Template.of(EventFixtures.counting(16 + n), 1, "face-api/face_recognition_model@1.7.15"))));
    }

    @Test
    void enrolmentRecordsFollowTheDetectionRecordsInEntryOrderAndReadBack() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordsFileWriter w = new RecordsFileWriter(out, DISCLOSURE);
        w.write(entry(3));
        w.writeEnrolment(enrolment("wl-a", 1));
        w.writeEnrolment(enrolment("wl-b", 2));
        assertThatThrownBy(() -> w.write(entry(9))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.writeEnrolment(enrolment("wl-a", 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry wl-a <= previous wl-b");
        byte[] bytes = out.toByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.split("\n")[2]).startsWith("{\"enrolment\":{\"crops\":[{\"alignedCrop\":\"");
        RecordsFileReader r = new RecordsFileReader(new ByteArrayInputStream(bytes));
        assertThatThrownBy(r::nextEnrolment).isInstanceOf(IllegalStateException.class);
        assertThat(r.next()).isEqualTo(entry(3));
        assertThat(r.next()).isNull();
        assertThat(r.nextEnrolment()).isEqualTo(enrolment("wl-a", 1));
        assertThat(r.nextEnrolment()).isEqualTo(enrolment("wl-b", 2));
        assertThat(r.nextEnrolment()).isNull();
        // An enrolment-only file (a disclosure naming entries and no detection).
        ByteArrayOutputStream only = new ByteArrayOutputStream();
        new RecordsFileWriter(only, DISCLOSURE).writeEnrolment(enrolment("wl-a", 1));
        RecordsFileReader r2 = new RecordsFileReader(new ByteArrayInputStream(only.toByteArray()));
        assertThat(r2.next()).isNull();
        assertThat(r2.nextEnrolment().entry()).isEqualTo("wl-a");
        assertThat(EnrolmentRecord.parse(enrolment("wl-a", 1).canonicalBytes())).isEqualTo(enrolment("wl-a", 1));
        assertThat(enrolment("wl-a", 1).toString()).doesNotContain("AQEB").contains("wl-a");
    }

    @Test
    void malformedEnrolmentLinesAreRefusedNamingTheLine() throws Exception {
        String header = "{\"disclosure\":\"" + DISCLOSURE.hex() + "\",\"format\":\"oversight/records/v1\"}\n";
        String detection = new String(file(entry(3)), StandardCharsets.UTF_8).substring(header.length());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RecordsFileWriter(out, DISCLOSURE).writeEnrolment(enrolment("wl-a", 1));
        String enrolment = out.toString(StandardCharsets.UTF_8).substring(header.length());
        assertEnrolmentRefused(header + enrolment + detection, "records line 3: a detection record after the"
                + " enrolment records");
        assertEnrolmentRefused(header + enrolment + enrolment, "records line 3: entry wl-a is not above the previous"
                + " wl-a");
        assertEnrolmentRefused(header + enrolment.replace("\"entry\":\"wl-a\"", "\"entry\":\"wl a\""),
                "records line 2: enrolment: ");
        assertEnrolmentRefused(header + enrolment.replace("\"crops\":[", "\"crops\":[],\"x\":["),
                "records line 2: ");
    }

    private static void assertEnrolmentRefused(String text, String message) {
        assertThatThrownBy(() -> {
            RecordsFileReader r = new RecordsFileReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            while (r.next() != null) {
                // detection records first
            }
            while (r.nextEnrolment() != null) {
                // then enrolment records
            }
        }).isInstanceOf(MalformedRecordsFileException.class).hasMessageStartingWith(message);
    }

    private static void assertRefused(String text, String message) {
        assertThatThrownBy(() -> read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordsFileException.class).hasMessageStartingWith(message);
    }

    @Test
    void corruptedFilesFailOnlyWithMalformedRecordsFileOrReadBackToWhatTheyEncode() throws Exception {
        byte[] clean = file(entry(1), entry(2));
        Random random = new Random(10_1_2026L);
        String alphabet = "{}[]\",:0123456789abcdefAZ+/= \\\n-";
        int malformed = 0;
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder(new String(clean, StandardCharsets.UTF_8));
            int pos = random.nextInt(sb.length());
            switch (random.nextInt(3)) {
                case 0 -> sb.setCharAt(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> sb.insert(pos, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> sb.deleteCharAt(pos);
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            try {
                RecordsFileReader r = new RecordsFileReader(new ByteArrayInputStream(bytes));
                ByteArrayOutputStream again = new ByteArrayOutputStream();
                RecordsFileWriter w = new RecordsFileWriter(again, r.disclosure());
                for (RecordsFile.Entry e = r.next(); e != null; e = r.next()) {
                    w.write(e);
                }
                assertThat(again.toByteArray()).as("round %d re-encodes to its input", round).isEqualTo(bytes);
            } catch (MalformedRecordsFileException expected) {
                malformed++;
            }
        }
        assertThat(malformed).isGreaterThan(200);
    }
}
