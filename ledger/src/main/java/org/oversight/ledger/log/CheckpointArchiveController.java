package org.oversight.ledger.log;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.witness.CheckpointCosignatures;
import org.oversight.ledger.witness.CosignatureStore;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/checkpoints[?size=N]} (any role): the checkpoint archive (docs/format.md §10.2,
 * {@value #MEDIA_TYPE}) — every checkpoint the log signed up to the latest (or up to size N) that
 * carries at least one stored witness cosignature, in increasing size, each with its verified
 * cosignatures attached (the first one each witness returned for it). An auditor gives it to
 * {@code verifier audit --checkpoints} so that rule R11 can find the first quorum-cosigned
 * checkpoint containing each detection. Streamed, a page of sizes at a time.
 */
@RestController
@ConditionalOnPostgresLog
public class CheckpointArchiveController {
    public static final String MEDIA_TYPE = "application/x-oversight-checkpoints";
    private static final int PAGE = 1000;

    private final Checkpointer checkpointer;
    private final CheckpointArchive archive;
    private final CosignatureStore store;
    private final CheckpointCosignatures cosignatures;

    public CheckpointArchiveController(Checkpointer checkpointer, CheckpointArchive archive, CosignatureStore store,
            CheckpointCosignatures cosignatures) {
        this.checkpointer = checkpointer;
        this.archive = archive;
        this.store = store;
        this.cosignatures = cosignatures;
    }

    @GetMapping(path = "/v1/checkpoints", produces = {MEDIA_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public void checkpoints(@RequestParam(required = false) Long size, HttpServletResponse response)
            throws ProblemException, IOException {
        long latest = checkpointer.latest().map(c -> c.checkpoint().size())
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no checkpoint signed yet"));
        if (size != null && (size < 0 || size > latest)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "size " + size + " is not in [0, " + latest
                    + "], the latest signed checkpoint's size");
        }
        long upTo = size == null ? latest : size;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MEDIA_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        OutputStream out = response.getOutputStream();
        org.oversight.domain.export.CheckpointArchive.Writer writer =
                new org.oversight.domain.export.CheckpointArchive.Writer(out);
        long after = 0;
        while (true) {
            List<Long> sizes = store.cosignedSizes(after, upTo, PAGE);
            for (long s : sizes) {
                // A size with cosignatures but no archived checkpoint cannot occur (the log signs before
                // it submits); skip rather than fail mid-stream.
                archive.atSize(s).map(cosignatures::attach).ifPresent(c -> write(writer, c));
            }
            if (sizes.size() < PAGE) {
                break;
            }
            after = sizes.get(sizes.size() - 1);
        }
        out.flush();
    }

    private static void write(org.oversight.domain.export.CheckpointArchive.Writer writer, SignedCheckpoint c) {
        try {
            writer.write(c);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
