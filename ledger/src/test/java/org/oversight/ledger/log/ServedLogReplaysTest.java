package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.replay.LogReplayer;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.http.MediaType;

/**
 * Whatever the ledger accepted, the domain's {@link LogReplayer} (the verifier's replay) accepts
 * too, leaf by leaf, from the served entries: ingest and replay agree on the rules.
 */
class ServedLogReplaysTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyServedLeafReplaysInOrder() throws Exception {
        StringBuilder genesis = new StringBuilder("[");
        for (SignedEvent e : WORLD.genesis()) {
            genesis.append(genesis.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        int status = mvc.perform(post("/v1/events/batch").header("Authorization", bearer(Role.OPERATOR))
                .contentType(MediaType.APPLICATION_JSON).content(genesis.append(']').toString())).andReturn()
                .getResponse().getStatus();
        assertThat(status).isEqualTo(200);

        Map<String, EventHash> recorded = new HashMap<>();
        LogReplayer replayer = new LogReplayer((StreamId stream, long seq) ->
                Optional.ofNullable(recorded.get(stream.text() + "#" + seq)));
        long next = 0;
        while (true) {
            JsonNode page = JSON.readTree(mvc.perform(get("/v1/entries?start=" + next + "&count=1000")
                    .header("Authorization", bearer(Role.AUDITOR))).andReturn().getResponse().getContentAsByteArray());
            List<JsonNode> entries = iterable(page.get("entries"));
            if (entries.isEmpty()) {
                break;
            }
            for (JsonNode entry : entries) {
                long leaf = entry.get("leafIndex").asLong();
                assertThat(leaf).isEqualTo(next);
                SignedEvent event = SignedEvent.parse(canonical(entry.get("event")));
                assertThat(event.eventHash().hex()).isEqualTo(entry.get("eventHash").asText());
                replayer.accept(event, leaf);
                recorded.put(event.stream().text() + "#" + event.seq(), event.eventHash());
                next++;
            }
        }
        assertThat(next).isGreaterThanOrEqualTo(WORLD.genesis().size());
    }

    private static byte[] canonical(JsonNode event) throws Exception {
        return org.oversight.domain.json.CanonicalJson.canonicalise(JSON.writeValueAsBytes(event));
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
