package org.oversight.ledger.log;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.witness.CheckpointCosignatures;
import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/export[?size=N]} (roles auditor, operator; see {@code SecurityConfiguration}):
 * the latest signed checkpoint, or the one signed at exactly size {@code N}, followed by exactly its
 * leaves, as {@value #MEDIA_TYPE} (docs/format.md §10), streamed in constant memory.
 *
 * <p>The body is written on the request thread straight to the servlet output stream (the
 * container flushes its small buffer as it fills), not as an async {@code StreamingResponseBody}:
 * an async response would be cut off by the container's async timeout (30 s on Tomcat) on a large
 * log, and its async dispatch would be re-authorised without the bearer token.
 *
 * <p>Errors found before streaming starts (no such checkpoint) are problems; a failure while
 * streaming can only truncate the body, which a reader detects because the header names the
 * number of leaf lines. An export carries biometric data, so each one is recorded by
 * {@link BiometricReadAudit} (one row per export, before the first byte is sent).
 */
@RestController
@ConditionalOnPostgresLog
public class ExportController {
    public static final String MEDIA_TYPE = "application/x-oversight-export";

    private final Checkpointer checkpointer;
    private final CheckpointArchive archive;
    private final LogExporter exporter;
    private final BiometricReadAudit audit;
    private final CheckpointCosignatures cosignatures;

    public ExportController(Checkpointer checkpointer, CheckpointArchive archive, LogExporter exporter,
            BiometricReadAudit audit, CheckpointCosignatures cosignatures) {
        this.checkpointer = checkpointer;
        this.cosignatures = cosignatures;
        this.archive = archive;
        this.exporter = exporter;
        this.audit = audit;
    }

    @GetMapping(path = "/v1/export", produces = {MEDIA_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    public void export(@RequestParam(required = false) Long size, Principal principal, HttpServletResponse response)
            throws ProblemException, IOException {
        SignedCheckpoint checkpoint = choose(size);
        long treeSize = checkpoint.checkpoint().size();
        audit.record(principal.getName(), "/v1/export?size=" + treeSize, null);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MEDIA_TYPE);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"oversight-" + treeSize + ".export\"");
        exporter.export(cosignatures.attach(checkpoint), response.getOutputStream());
    }

    private SignedCheckpoint choose(Long size) throws ProblemException {
        SignedCheckpoint latest = checkpointer.latest()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no checkpoint signed yet"));
        if (size == null || size == latest.checkpoint().size()) {
            return latest;
        }
        if (size < 0 || size > latest.checkpoint().size()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "size " + size + " is not in [0, "
                    + latest.checkpoint().size() + "], the latest signed checkpoint's size");
        }
        return archive.atSize(size).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "size: no checkpoint was signed at size " + size));
    }
}
