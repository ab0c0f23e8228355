package org.oversight.ledger.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.oversight.ledger.web.ProblemType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of every endpoint: what it takes, what it answers (schema and example),
 * who may call it, and every problem type it can answer with (RFC 9457, {@link ProblemType}).
 * Endpoints springdoc finds that are not described here still get the problems every request can
 * meet (401, 403, 500), so nothing mapped is left out; the test {@code OpenApiDescriptionTest}
 * checks that every mapped endpoint appears.
 */
@Configuration
public class OpenApiConfiguration {
    static final String BEARER = "bearer";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String HEX_HASH = "6ce0a7b54bb66116c2dabbfed13b06c1421097a12b56869f7e799810caa7d3de";

    /** Problems any authenticated request can meet. */
    private static final Set<ProblemType> AUTHENTICATED = EnumSet.of(ProblemType.UNAUTHENTICATED,
            ProblemType.FORBIDDEN, ProblemType.MALFORMED_REQUEST, ProblemType.METHOD_NOT_ALLOWED, ProblemType.UNAVAILABLE,
            ProblemType.INTERNAL);
    /** Problems any public request can meet. */
    private static final Set<ProblemType> PUBLIC = EnumSet.of(ProblemType.MALFORMED_REQUEST,
            ProblemType.METHOD_NOT_ALLOWED, ProblemType.UNAVAILABLE, ProblemType.INTERNAL);
    /** What a batch of sealed blobs can be refused for (docs/ledger.md §12.2). */
    private static final Set<ProblemType> VAULT_BLOBS = EnumSet.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
            ProblemType.PAYLOAD_TOO_LARGE, ProblemType.INVALID_BLOB, ProblemType.UNKNOWN_EPOCH,
            ProblemType.EPOCH_CLOSED, ProblemType.RECORD_ERASED);
    /** Everything a submitted event can be refused for (docs/ledger.md §1). */
    private static final Set<ProblemType> INGEST = EnumSet.complementOf(EnumSet.of(ProblemType.NOT_FOUND,
            ProblemType.BAD_PROOF_REQUEST));

    @Bean
    OpenAPI oversightOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Oversight ledger API").version("v1")
                        .description("An append-only, signed Merkle log of facial-recognition events. Every event is"
                                + " signed by its emitter (docs/format.md); the ledger checks and sequences it and signs"
                                + " checkpoints. Errors are RFC 9457 problems whose `type` names the rule"
                                + " (`urn:oversight:problem:<rule>`). Reading this description needs no token.")
                        .license(new License().name("see LICENSE in the repository")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("ovt.<id>.<secret>")
                        .description("An API credential issued by the operator (docs/ledger.md §5).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer oversightOperations() {
        return OpenApiConfiguration::describe;
    }

    /** Fills in every operation of the description springdoc built from the controllers. */
    static void describe(OpenAPI api) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        components.addSchemas("Problem", problemSchema());
        for (ProblemType type : ProblemType.values()) {
            components.addExamples("problem-" + type.rule(), new Example().summary(type.title())
                    .value(problemExample(type)));
        }
        components.addSchemas("IngestResult", new ObjectSchema()
                .description("The outcome for one accepted event.")
                .addProperty("eventId", new StringSchema().example("cam-1/000042"))
                .addProperty("eventHash", hex("RFC 9162 leaf hash of the event's canonical bytes"))
                .addProperty("leafIndex", new IntegerSchema().format("int64").example(42))
                .addProperty("duplicate", new BooleanSchema().description("accepted before; nothing new stored"))
                .required(List.of("eventId", "eventHash", "leafIndex", "duplicate")));
        components.addSchemas("SignedEvent", new ObjectSchema()
                .description("A signed event envelope: its canonical JSON bytes (RFC 8785), exactly as signed"
                        + " (docs/format.md §3). Members: header, payload, signature.")
                .addProperty("header", new ObjectSchema().description("docs/format.md §3.1"))
                .addProperty("payload", new ObjectSchema().description("per event type, docs/format.md §4"))
                .addProperty("signature", new StringSchema().description("Ed25519, base64 (docs/format.md §3.4)"))
                .required(List.of("header", "payload", "signature")));
        components.addSchemas("Entry", new ObjectSchema()
                .addProperty("leafIndex", new IntegerSchema().format("int64").example(42))
                .addProperty("eventId", new StringSchema().example("cam-1/000042"))
                .addProperty("eventHash", hex("RFC 9162 leaf hash"))
                .addProperty("event", new Schema<>().$ref("#/components/schemas/SignedEvent")));
        components.addSchemas("Proof", new ObjectSchema()
                .addProperty("hashes", new ArraySchema().items(hex("a proof node")).description("RFC 9162 §2.1")));
        Paths paths = new Paths(api);
        paths.post("/v1/events", "Submit one signed event",
                "The body is the envelope's canonical bytes (Content-Type: application/json). The answer names its"
                        + " leaf; a resubmission of the same bytes answers the same with header Oversight-Duplicate:"
                        + " true. Roles: officer, reviewer, operator.", INGEST,
                body("The signed envelope, canonical JSON.", ref("SignedEvent")),
                ok(ref("IngestResult"), Map.of("eventId", "cam-1/000042", "eventHash", HEX_HASH, "leafIndex", 42,
                        "duplicate", false)));
        paths.post("/v1/events/batch", "Submit a batch of signed events, all or nothing",
                "The body is a canonical JSON array of envelopes (at most oversight.ingest.max-batch-events). Either"
                        + " every event is accepted, or none and the problem names the first refused one. Roles:"
                        + " officer, reviewer, operator.", INGEST,
                body("A canonical JSON array of signed envelopes.", new ArraySchema().items(ref("SignedEvent"))),
                ok(new ObjectSchema().addProperty("results", new ArraySchema().items(ref("IngestResult"))),
                        Map.of("results", List.of(Map.of("eventId", "cam-1/000042", "eventHash", HEX_HASH,
                                "leafIndex", 42, "duplicate", false)))));
        paths.post("/v1/vault/blobs", "Store a batch of sealed blobs in the vault, all or nothing",
                "The body is a canonical JSON array of sealed blobs (docs/format.md §12), each exactly the body of"
                        + " PUT /v1/vault/blobs/{blobDigest} and held to the same limit for its stream (a detection's"
                        + " blob at most oversight.vault.max-blob-bytes, a watchlist entry's enrolment record's at most"
                        + " oversight.vault.max-watchlist-blob-bytes): at most oversight.vault.max-batch-blobs blobs,"
                        + " the body at most oversight.vault.max-batch-bytes."
                        + " Every blob is filed under the SHA-256 of its canonical bytes, in one transaction: either"
                        + " all are stored, or none and the problem names the first refused one (blobs[i]). Storing"
                        + " the same blobs again changes nothing (duplicate: true). Roles: camera, operator, officer"
                        + " (those of the PUT)."
                        + " docs/ledger.md §12.2.", VAULT_BLOBS,
                body("A canonical JSON array of sealed blobs.", new ArraySchema().items(new ObjectSchema()
                        .description("a sealed blob, docs/format.md §12"))),
                ok(new ObjectSchema().addProperty("results", new ArraySchema().items(new ObjectSchema()
                        .addProperty("blobDigest", hex("SHA-256 of the blob's canonical bytes"))
                        .addProperty("epoch", new StringSchema())
                        .addProperty("stream", new StringSchema())
                        .addProperty("seq", new IntegerSchema().format("int64"))
                        .addProperty("duplicate", new BooleanSchema()))),
                        Map.of("results", List.of(Map.of("blobDigest", HEX_HASH, "epoch", "2026-12-06",
                                "stream", "detections/cam-1", "seq", 42, "duplicate", false)))));
        paths.get("/v1/events/{eventId}", "One event by its id", "Any role. Reading a biometric event is recorded.",
                EnumSet.of(ProblemType.NOT_FOUND), ok(ref("Entry"), Map.of("leafIndex", 42, "eventId", "cam-1/000042",
                        "eventHash", HEX_HASH, "event", Map.of("header", Map.of(), "payload", Map.of(),
                                "signature", "…"))));
        paths.get("/v1/entries", "Consecutive log entries", "Up to 1000 entries from `start` (any role). Reading"
                        + " biometric events is recorded.", EnumSet.of(ProblemType.NOT_FOUND),
                ok(new ObjectSchema().addProperty("treeSize", new IntegerSchema().format("int64"))
                        .addProperty("entries", new ArraySchema().items(ref("Entry"))),
                        Map.of("treeSize", 1, "entries", List.of())));
        paths.get("/v1/proofs/inclusion", "Inclusion proof of a leaf in a tree size", "Any role. docs/format.md §7.",
                EnumSet.of(ProblemType.BAD_PROOF_REQUEST), ok(new ObjectSchema()
                        .addProperty("leafIndex", new IntegerSchema().format("int64"))
                        .addProperty("treeSize", new IntegerSchema().format("int64"))
                        .addProperty("hashes", new ArraySchema().items(hex("a proof node"))),
                        Map.of("leafIndex", 3, "treeSize", 8, "hashes", List.of(HEX_HASH))));
        paths.get("/v1/proofs/consistency", "Consistency proof between two tree sizes", "Any role. docs/format.md §7.",
                EnumSet.of(ProblemType.BAD_PROOF_REQUEST), ok(new ObjectSchema()
                        .addProperty("size1", new IntegerSchema().format("int64"))
                        .addProperty("size2", new IntegerSchema().format("int64"))
                        .addProperty("hashes", new ArraySchema().items(hex("a proof node"))),
                        Map.of("size1", 4, "size2", 8, "hashes", List.of(HEX_HASH))));
        paths.get("/v1/matches/{matchId}/bundle", "A match's evidence bundle for a court",
                "Any role. The bundle (docs/format.md §11) verifies offline with `verifier bundle`.",
                EnumSet.of(ProblemType.NOT_FOUND), ok(new ObjectSchema().description("docs/format.md §11"),
                        Map.of("version", 1, "match", "m-a7b528215d730439")));
        paths.get("/v1/export", "The whole log as one export", "Auditor or operator. Streams"
                        + " application/x-oversight-export (docs/format.md §10): the checkpoint, then every leaf;"
                        + " `size` picks an archived checkpoint. Audit it with `verifier audit`.",
                EnumSet.of(ProblemType.NOT_FOUND), okBytes("application/x-oversight-export",
                        "The export, docs/format.md §10."));
        paths.get("/v1/checkpoints", "The checkpoint archive", "Any role. Streams"
                        + " application/x-oversight-checkpoints (docs/format.md §10.2): every archived checkpoint of size"
                        + " ≤ `size` (default the latest) with its witness cosignatures, for rule R11 (`verifier audit"
                        + " --checkpoints`).", EnumSet.of(ProblemType.NOT_FOUND, ProblemType.MALFORMED_REQUEST),
                okBytes("application/x-oversight-checkpoints", "The archive, docs/format.md §10.2."));
        paths.get("/v1/searches/{search}", "A retrospective search's state and results",
                "The officer who signed its RetrospectiveSearchRequested, or an authority (rule R4, docs/ledger.md"
                        + " \"Retrospective searches\"). State `requested`, `performed` (with `deadline`: authorise it"
                        + " before then with a RetrospectiveSearchAuthorized) or `authorised`, and the hits (detection,"
                        + " score, camera, capture time; never a biometric value). 410 `search-destroyed` once it was"
                        + " destroyed for want of authorisation.",
                EnumSet.of(ProblemType.NOT_FOUND, ProblemType.MALFORMED_REQUEST, ProblemType.SEARCH_DESTROYED,
                        ProblemType.UNAVAILABLE),
                ok(new ObjectSchema().description("docs/ledger.md \"Retrospective searches\""),
                        Map.of("search", "search-0001", "entry", "wl-0009", "state", "performed", "performedAt", 42,
                                "deadline", "2026-12-08T09:30:00.000Z", "searched", 16, "threshold", 8281, "hits",
                                List.of(Map.of("detection", Map.of("eventHash", HEX_HASH, "leafIndex", 31), "score",
                                        5120, "camera", "cam-central-north", "captureTime",
                                        "2026-12-06T09:30:00.040Z")))));
        for (String console : List.of("/console", "/console/")) {
            paths.get(console, "The reviewer console", "Public: a static page (docs/console.md); its API calls"
                    + " carry the reviewer's own token.", EnumSet.of(ProblemType.NOT_FOUND),
                    okBytes("text/html", "The console's page."));
        }
        paths.get("/v1/keys", "The log's and engine's public keys", "Any role. For enrolment and for verifying"
                        + " checkpoints (the log key's C2SP verifier key).", EnumSet.noneOf(ProblemType.class),
                ok(new ObjectSchema().addProperty("log", keySchema()).addProperty("engine", keySchema()),
                        Map.of("log", Map.of("keyName", "ledger.example/log", "verifierKey",
                                "ledger.example/log+40a2c6ef+AY…", "publicKey", "ed25519:iojj…", "keyId", "40a2c6ef"))));
        paths.get("/v1/witness/status", "Witnesses and the cosignature quorum", "Any role. docs/ledger.md §11.",
                EnumSet.noneOf(ProblemType.class), null);
        Schema<?> credential = new ObjectSchema()
                .addProperty("tokenId", new StringSchema().example("3f2a9c0d5e6b7a81"))
                .addProperty("principal", new StringSchema().example("alice"))
                .addProperty("roles", new ArraySchema().items(new StringSchema()._enum(List.of("auditor", "officer",
                        "reviewer", "operator"))))
                .addProperty("expiresAt", new StringSchema().format("date-time").nullable(true)
                        .description("exclusive; null: never"));
        components.addSchemas("Credential", credential);
        paths.get("/v1/admin/credentials", "List API credentials", "Operator. Every credential, expired ones included"
                        + " (`expired`: true); never a secret.", EnumSet.noneOf(ProblemType.class),
                ok(new ObjectSchema().addProperty("credentials", new ArraySchema().items(ref("Credential"))),
                        Map.of("credentials", List.of(credentialExample(false)))));
        paths.post("/v1/admin/credentials", "Issue an API credential", "Operator. Persisted in the credentials file"
                        + " and in force at once, no restart. The token is in this answer only.",
                EnumSet.noneOf(ProblemType.class), body("Principal, roles and an optional expiry.", new ObjectSchema()
                        .addProperty("principal", new StringSchema().example("alice"))
                        .addProperty("roles", new ArraySchema().items(new StringSchema()).example(List.of("auditor")))
                        .addProperty("expiresAt", new StringSchema().format("date-time")
                                .example("2027-01-31T00:00:00Z"))
                        .required(List.of("principal", "roles"))), null);
        paths.status("/v1/admin/credentials", "post", "201", ok(ref("Credential"), credentialExample(true)));
        paths.delete("/v1/admin/credentials/{tokenId}", "Revoke an API credential", "Operator. Persisted; refused"
                + " from the next request on.", EnumSet.of(ProblemType.NOT_FOUND));
        paths.publicGet("/checkpoint", "The latest signed checkpoint", "Public. A C2SP signed note"
                + " (text/plain; charset=UTF-8), the log key's signature and any witness cosignatures.",
                okBytes("text/plain", "origin\\nsize\\nroot (base64)\\n\\n— signature lines"));
        paths.publicGet("/tile/**", "C2SP tlog-tiles hash tiles and entry bundles", "Public."
                + " /tile/<L>/<N>[.p/<W>] (hash tile) and /tile/entries/<N>[.p/<W>] (entry bundle, gzip on request;"
                + " reads of biometric data are recorded). docs/ledger.md §3.",
                okBytes("application/octet-stream", "A tile or entry bundle."));
        paths.publicGet("/actuator/health", "Health", "Public: the status; components and details need an operator"
                + " token.", ok(new ObjectSchema().addProperty("status", new StringSchema()._enum(List.of("UP",
                        "DOWN"))), Map.of("status", "UP")));
        paths.get("/actuator/prometheus", "Metrics", "Operator. Prometheus text format: oversight_log_size,"
                + " oversight_checkpoint_age_seconds, oversight_ingest_*, JVM and HTTP metrics.",
                EnumSet.noneOf(ProblemType.class), okBytes("text/plain", "Prometheus exposition format."));
        paths.finish();
    }

    private static Map<String, Object> credentialExample(boolean withToken) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("tokenId", "3f2a9c0d5e6b7a81");
        example.put("principal", "alice");
        example.put("roles", List.of("auditor"));
        example.put("expiresAt", "2027-01-31T00:00:00Z");
        if (withToken) {
            example.put("token", "ovt.3f2a9c0d5e6b7a81.<secret, shown once>");
        } else {
            example.put("expired", false);
        }
        return example;
    }

    private static Schema<?> problemSchema() {
        List<String> types = new ArrayList<>();
        for (ProblemType t : ProblemType.values()) {
            types.add(t.uri().toString());
        }
        return new ObjectSchema().description("An RFC 9457 problem. `type` names the rule that refused the request;"
                        + " switch on it, not on the title or detail.")
                .addProperty("type", new StringSchema()._enum(types))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what was wrong, naming the offending value"))
                .addProperty("instance", new StringSchema())
                .required(List.of("type", "title", "status"));
    }

    private static Map<String, Object> problemExample(ProblemType type) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri().toString());
        example.put("title", type.title());
        example.put("status", type.status().value());
        example.put("detail", "…");
        return example;
    }

    private static Schema<?> keySchema() {
        return new ObjectSchema().addProperty("keyName", new StringSchema())
                .addProperty("verifierKey", new StringSchema().description("C2SP verifier key name+keyid+base64"))
                .addProperty("publicKey", new StringSchema().description("ed25519:<base64>"))
                .addProperty("keyId", new StringSchema());
    }

    private static Schema<?> hex(String description) {
        return new StringSchema().pattern("^[0-9a-f]{64}$").description(description).example(HEX_HASH);
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static RequestBody body(String description, Schema<?> schema) {
        return new RequestBody().required(true).description(description)
                .content(new Content().addMediaType(JSON, new MediaType().schema(schema)));
    }

    private static ApiResponse ok(Schema<?> schema, Object example) {
        return new ApiResponse().description("OK").content(new Content().addMediaType(JSON,
                new MediaType().schema(schema).example(example)));
    }

    private static ApiResponse okBytes(String mediaType, String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(mediaType,
                new MediaType().schema(new StringSchema().format("binary"))));
    }

    /** Operation lookup and completion over the description springdoc built. */
    private static final class Paths {
        private final OpenAPI api;

        Paths(OpenAPI api) {
            this.api = api;
            if (api.getPaths() == null) {
                api.setPaths(new io.swagger.v3.oas.models.Paths());
            }
        }

        void get(String path, String summary, String description, Set<ProblemType> problems, ApiResponse ok) {
            PathItem item = api.getPaths().computeIfAbsent(path, p -> new PathItem());
            if (item.getGet() == null) {
                item.setGet(new Operation());
            }
            fill(item.getGet(), summary, description, union(AUTHENTICATED, problems), ok);
        }

        void publicGet(String path, String summary, String description, ApiResponse ok) {
            PathItem item = api.getPaths().computeIfAbsent(path, p -> new PathItem());
            if (item.getGet() == null) {
                item.setGet(new Operation());
            }
            fill(item.getGet(), summary, description, union(PUBLIC, EnumSet.of(ProblemType.NOT_FOUND)), ok);
            item.getGet().setSecurity(List.of());
        }

        void post(String path, String summary, String description, Set<ProblemType> problems, RequestBody body,
                ApiResponse ok) {
            PathItem item = api.getPaths().computeIfAbsent(path, p -> new PathItem());
            if (item.getPost() == null) {
                item.setPost(new Operation());
            }
            item.getPost().setRequestBody(body);
            fill(item.getPost(), summary, description, union(AUTHENTICATED, problems), ok);
        }

        void delete(String path, String summary, String description, Set<ProblemType> problems) {
            PathItem item = api.getPaths().computeIfAbsent(path, p -> new PathItem());
            if (item.getDelete() == null) {
                item.setDelete(new Operation());
            }
            fill(item.getDelete(), summary, description, union(AUTHENTICATED, problems), null);
            item.getDelete().getResponses().remove("200");
            item.getDelete().getResponses().addApiResponse("204", new ApiResponse().description("Revoked."));
        }

        void status(String path, String method, String status, ApiResponse response) {
            Operation op = method.equals("post") ? api.getPaths().get(path).getPost() : api.getPaths().get(path).getGet();
            op.getResponses().remove("200");
            op.getResponses().addApiResponse(status, response);
        }

        /** Every operation not described above gets the problems any authenticated request can meet. */
        void finish() {
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
                if (op.getResponses() == null || !hasProblems(op)) {
                    addProblems(op, AUTHENTICATED);
                }
            }));
        }

        private static boolean hasProblems(Operation op) {
            return op.getResponses().values().stream().anyMatch(r -> r.getContent() != null
                    && r.getContent().containsKey(PROBLEM));
        }

        private static void fill(Operation op, String summary, String description, Set<ProblemType> problems,
                ApiResponse ok) {
            op.setSummary(summary);
            op.setDescription(description);
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            op.setResponses(responses);
            if (ok != null) {
                responses.addApiResponse("200", ok);
            }
            addProblems(op, problems);
        }

        private static void addProblems(Operation op, Set<ProblemType> problems) {
            ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
            op.setResponses(responses);
            Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
            for (ProblemType t : problems) {
                byStatus.computeIfAbsent(t.status().value(), s -> new ArrayList<>()).add(t);
            }
            byStatus.forEach((status, types) -> {
                MediaType media = new MediaType().schema(ref("Problem"));
                for (ProblemType t : types) {
                    media.addExamples(t.rule(), new Example().$ref("#/components/examples/problem-" + t.rule()));
                }
                StringBuilder description = new StringBuilder("Problem: ");
                for (int i = 0; i < types.size(); i++) {
                    description.append(i == 0 ? "" : ", ").append(types.get(i).rule());
                }
                responses.addApiResponse(Integer.toString(status), new ApiResponse()
                        .description(description.toString()).content(new Content().addMediaType(PROBLEM, media)));
            });
        }

        private static Set<ProblemType> union(Set<ProblemType> a, Set<ProblemType> b) {
            EnumSet<ProblemType> all = EnumSet.noneOf(ProblemType.class);
            all.addAll(a);
            all.addAll(b);
            return all;
        }
    }
}
