package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.web.ProblemType;

/**
 * The console's words.js (run by node) words each refusal of the vault by its problem type, as the
 * ledger names it ({@link ProblemType}), followed by the ledger's own detail; an unknown type falls
 * back to the problem's title.
 */
class ConsoleWordsJsTest {
    private static final Path WORDS_JS = Path.of("src/main/resources/static/console/words.js");

    @Test
    void theVaultsRefusalsAreWorded() throws Exception {
        Path node = ExternalTools.require("ConsoleWordsJsTest", ExternalTools.find("node"), "node (Debian nodejs)");
        String script = "import(process.argv[1]).then(w => {"
                + " const out = {};"
                + " for (const t of JSON.parse(process.argv[2])) {"
                + "  out[t] = w.refusalWords({ rule: t, status: 409, message: 'm',"
                + "   problem: { title: 'Title of ' + t, detail: 'detail of ' + t } }); }"
                + " process.stdout.write(JSON.stringify(out)); })";
        String types = new ObjectMapper().writeValueAsString(new String[] {ProblemType.DISCLOSURE_REQUIRED.rule(),
            ProblemType.RECORD_ERASED.rule(), ProblemType.RECORD_NOT_STORED.rule(), ProblemType.EPOCH_VIOLATION.rule(),
            "no-such-rule"});
        Process p = new ProcessBuilder(node.toString(), "--input-type=module", "-e", script,
                WORDS_JS.toUri().toString(), types).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream s = p.getInputStream()) {
            s.transferTo(out);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(p.exitValue()).as("node exit code; output: " + out).isZero();
        JsonNode words = new ObjectMapper().readTree(out.toByteArray());

        assertThat(words.get("disclosure-required").asText())
                .startsWith("The ledger refused the disclosure: a sealed record is given only to the person whose key")
                .endsWith("The ledger said: \u201cdetail of disclosure-required\u201d");
        assertThat(words.get("record-erased").asText()).startsWith("The ledger cannot show this record: it was erased")
                .contains("no disclosure was recorded");
        assertThat(words.get("record-not-stored").asText())
                .startsWith("The ledger holds no sealed record for this detection");
        assertThat(words.get("epoch-violation").asText())
                .startsWith("The ledger refused the event: the detection is not sealed to an open erasure epoch");
        assertThat(words.get("no-such-rule").asText()).isEqualTo("The ledger refused the request (Title of no-such-rule)."
                + " The ledger said: \u201cdetail of no-such-rule\u201d");
    }
}
