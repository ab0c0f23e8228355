package org.oversight.ledger.storage.kurrentdb.standin;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.kurrent.dbclient.proto.shared.Shared;
import io.kurrent.dbclient.proto.streams.StreamsGrpc;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.AppendResp;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq;
import io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadResp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The stand-in's {@code event_store.client.streams.Streams} service; see {@link KurrentDbStandInServer}. */
final class StandInStreams extends StreamsGrpc.StreamsImplBase {

    /** Filter window when the client asks for "count" rather than a maximum (the server's default). */
    private static final int DEFAULT_FILTER_WINDOW = 32;

    private final StandInLog log;

    StandInStreams(StandInLog log) {
        this.log = log;
    }

    // ---------------------------------------------------------------- Append

    @Override
    public StreamObserver<AppendReq> append(StreamObserver<AppendResp> response) {
        return new StreamObserver<>() {
            private AppendReq.Options options;
            private final List<StandInLog.Proposed> proposed = new ArrayList<>();

            @Override
            public void onNext(AppendReq request) {
                if (request.hasOptions()) {
                    options = request.getOptions();
                } else if (request.hasProposedMessage()) {
                    AppendReq.ProposedMessage m = request.getProposedMessage();
                    proposed.add(new StandInLog.Proposed(uuid(m.getId()), m.getMetadataMap(), m.getCustomMetadata(),
                            m.getData()));
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client gave up; nothing was appended.
            }

            @Override
            public void onCompleted() {
                if (options == null) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription("append without options")
                            .asRuntimeException());
                    return;
                }
                String stream = options.getStreamIdentifier().getStreamName().toStringUtf8();
                StandInLog.Expectation expectation = switch (options.getExpectedStreamRevisionCase()) {
                    case REVISION -> new StandInLog.Expectation(StandInLog.Expectation.Kind.REVISION,
                            options.getRevision());
                    case NO_STREAM -> new StandInLog.Expectation(StandInLog.Expectation.Kind.NO_STREAM, 0);
                    case STREAM_EXISTS -> new StandInLog.Expectation(StandInLog.Expectation.Kind.EXISTS, 0);
                    default -> new StandInLog.Expectation(StandInLog.Expectation.Kind.ANY, 0);
                };
                StandInLog.AppendOutcome outcome = log.append(stream, expectation, proposed);
                response.onNext(outcome.success() ? success(outcome) : wrongExpectedVersion(outcome, expectation));
                response.onCompleted();
            }
        };
    }

    private static AppendResp success(StandInLog.AppendOutcome outcome) {
        AppendResp.Success.Builder success = AppendResp.Success.newBuilder();
        if (outcome.currentRevision() == StandInLog.AppendOutcome.NO_STREAM) {
            success.setNoStream(Shared.Empty.getDefaultInstance());
        } else {
            success.setCurrentRevision(outcome.currentRevision());
        }
        if (outcome.lastPosition() < 0) {
            success.setNoPosition(Shared.Empty.getDefaultInstance());
        } else {
            success.setPosition(AppendResp.Position.newBuilder()
                    .setCommitPosition(outcome.lastPosition()).setPreparePosition(outcome.lastPosition()));
        }
        return AppendResp.newBuilder().setSuccess(success).build();
    }

    private static AppendResp wrongExpectedVersion(StandInLog.AppendOutcome outcome,
                                                   StandInLog.Expectation expectation) {
        AppendResp.WrongExpectedVersion.Builder wrong = AppendResp.WrongExpectedVersion.newBuilder();
        if (outcome.currentRevision() == StandInLog.AppendOutcome.NO_STREAM) {
            wrong.setCurrentNoStream(Shared.Empty.getDefaultInstance());
        } else {
            wrong.setCurrentRevision(outcome.currentRevision());
        }
        switch (expectation.kind()) {
            case REVISION -> wrong.setExpectedRevision(expectation.revision());
            case NO_STREAM -> wrong.setExpectedNoStream(Shared.Empty.getDefaultInstance());
            case EXISTS -> wrong.setExpectedStreamExists(Shared.Empty.getDefaultInstance());
            case ANY -> wrong.setExpectedAny(Shared.Empty.getDefaultInstance());
        }
        return AppendResp.newBuilder().setWrongExpectedVersion(wrong).build();
    }

    // ---------------------------------------------------------------- Read

    @Override
    public void read(ReadReq request, StreamObserver<ReadResp> response) {
        ReadReq.Options options = request.getOptions();
        boolean structuredIds = !options.getUuidOption().hasString();
        Predicate<StandInLog.Record> filter = filterOf(options);
        if (options.hasSubscription()) {
            if (!options.hasAll()) {
                response.onError(Status.UNIMPLEMENTED.withDescription("the stand-in has no stream subscriptions")
                        .asRuntimeException());
                return;
            }
            subscribeToAll(options, filter, structuredIds, (ServerCallStreamObserver<ReadResp>) response);
            return;
        }
        long count = options.getCount();
        boolean forwards = options.getReadDirection() == ReadReq.Options.ReadDirection.Forwards;
        List<StandInLog.Record> selected;
        if (options.hasStream()) {
            String stream = options.getStream().getStreamIdentifier().getStreamName().toStringUtf8();
            List<StandInLog.Record> records = log.stream(stream);
            if (records == null) {
                response.onNext(ReadResp.newBuilder().setStreamNotFound(ReadResp.StreamNotFound.newBuilder()
                        .setStreamIdentifier(options.getStream().getStreamIdentifier())).build());
                response.onCompleted();
                return;
            }
            selected = selectFromStream(records, options.getStream(), forwards);
        } else {
            selected = selectFromAll(log.all(), options.getAll(), forwards);
        }
        long sent = 0;
        for (StandInLog.Record record : selected) {
            if (sent >= count) {
                break;
            }
            if (filter.test(record)) {
                response.onNext(event(record, structuredIds));
                sent++;
            }
        }
        response.onCompleted();
    }

    private static List<StandInLog.Record> selectFromStream(List<StandInLog.Record> records,
                                                            ReadReq.Options.StreamOptions stream, boolean forwards) {
        List<StandInLog.Record> out = new ArrayList<>();
        if (forwards) {
            long from = switch (stream.getRevisionOptionCase()) {
                case REVISION -> stream.getRevision();
                case END -> Long.MAX_VALUE;
                default -> 0;
            };
            for (StandInLog.Record r : records) {
                if (r.revision() >= from) {
                    out.add(r);
                }
            }
        } else {
            long from = stream.getRevisionOptionCase() == ReadReq.Options.StreamOptions.RevisionOptionCase.REVISION
                    ? stream.getRevision() : Long.MAX_VALUE;
            if (stream.getRevisionOptionCase() == ReadReq.Options.StreamOptions.RevisionOptionCase.START) {
                from = 0;
            }
            for (int i = records.size() - 1; i >= 0; i--) {
                if (records.get(i).revision() <= from) {
                    out.add(records.get(i));
                }
            }
        }
        return out;
    }

    /**
     * Forward reads include the start position (as the real server does); backward reads start
     * before it. Positions compare by commit, then prepare position.
     */
    private static List<StandInLog.Record> selectFromAll(List<StandInLog.Record> all,
                                                         ReadReq.Options.AllOptions options, boolean forwards) {
        List<StandInLog.Record> out = new ArrayList<>();
        long commit = switch (options.getAllOptionCase()) {
            case POSITION -> options.getPosition().getCommitPosition();
            case END -> Long.MAX_VALUE;
            default -> 0;
        };
        long prepare = switch (options.getAllOptionCase()) {
            case POSITION -> options.getPosition().getPreparePosition();
            case END -> Long.MAX_VALUE;
            default -> 0;
        };
        if (forwards) {
            for (StandInLog.Record r : all) {
                if (r.compareTo(commit, prepare) >= 0) {
                    out.add(r);
                }
            }
        } else {
            boolean fromStart = options.getAllOptionCase() == ReadReq.Options.AllOptions.AllOptionCase.START;
            for (int i = all.size() - 1; i >= 0 && !fromStart; i--) {
                if (all.get(i).compareTo(commit, prepare) < 0) {
                    out.add(all.get(i));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- $all subscriptions

    private void subscribeToAll(ReadReq.Options options, Predicate<StandInLog.Record> filter, boolean structuredIds,
                                ServerCallStreamObserver<ReadResp> response) {
        boolean fromPosition = options.getAll().getAllOptionCase() == ReadReq.Options.AllOptions.AllOptionCase.POSITION;
        long afterCommit = fromPosition ? options.getAll().getPosition().getCommitPosition() : -1;
        long afterPrepare = fromPosition ? options.getAll().getPosition().getPreparePosition() : -1;
        boolean fromEnd = options.getAll().getAllOptionCase() == ReadReq.Options.AllOptions.AllOptionCase.END;
        int interval = checkpointInterval(options);
        Delivery delivery = new Delivery(response, filter, structuredIds, interval);
        response.onNext(ReadResp.newBuilder().setConfirmation(ReadResp.SubscriptionConfirmation.newBuilder()
                .setSubscriptionId(UUID.randomUUID().toString())).build());
        Runnable unsubscribe = log.subscribe(existing -> {
            StandInLog.Record last = null;
            for (StandInLog.Record record : existing) {
                last = record;
                // Subscriptions are exclusive of their start position.
                if (!fromEnd && record.compareTo(afterCommit, afterPrepare) > 0) {
                    delivery.offer(record);
                }
            }
            ReadResp.CaughtUp.Builder caughtUp = ReadResp.CaughtUp.newBuilder().setTimestamp(now());
            if (last != null) {
                caughtUp.setPosition(ReadResp.Position.newBuilder().setCommitPosition(last.commitPosition())
                        .setPreparePosition(last.preparePosition()));
            }
            delivery.send(ReadResp.newBuilder().setCaughtUp(caughtUp).build());
        }, delivery::offer);
        response.setOnCancelHandler(unsubscribe::run);
    }

    private static int checkpointInterval(ReadReq.Options options) {
        if (!options.hasFilter()) {
            return Integer.MAX_VALUE;
        }
        ReadReq.Options.FilterOptions filter = options.getFilter();
        int window = filter.hasMax() ? filter.getMax() : DEFAULT_FILTER_WINDOW;
        int multiplier = Math.max(1, filter.getCheckpointIntervalMultiplier());
        return Math.max(1, window * multiplier);
    }

    /** Per-subscription delivery: filter, checkpoint every {@code interval} examined records. */
    private final class Delivery {
        private final ServerCallStreamObserver<ReadResp> response;
        private final Predicate<StandInLog.Record> filter;
        private final boolean structuredIds;
        private final int interval;
        private int examinedSinceCheckpoint;

        Delivery(ServerCallStreamObserver<ReadResp> response, Predicate<StandInLog.Record> filter,
                 boolean structuredIds, int interval) {
            this.response = response;
            this.filter = filter;
            this.structuredIds = structuredIds;
            this.interval = interval;
        }

        void offer(StandInLog.Record record) {
            if (filter.test(record)) {
                send(event(record, structuredIds));
            }
            examinedSinceCheckpoint++;
            if (examinedSinceCheckpoint >= interval) {
                examinedSinceCheckpoint = 0;
                send(ReadResp.newBuilder().setCheckpoint(ReadResp.Checkpoint.newBuilder()
                        .setCommitPosition(record.commitPosition()).setPreparePosition(record.preparePosition())
                        .setTimestamp(now())).build());
            }
        }

        void send(ReadResp message) {
            if (!response.isCancelled()) {
                response.onNext(message);
            }
        }
    }

    // ---------------------------------------------------------------- shared

    /** Stream-name or event-type filter: regex matched anywhere (as the server's Regex.IsMatch) or prefixes. */
    private static Predicate<StandInLog.Record> filterOf(ReadReq.Options options) {
        if (!options.hasFilter()) {
            return r -> true;
        }
        ReadReq.Options.FilterOptions filter = options.getFilter();
        boolean byStream = filter.hasStreamIdentifier();
        ReadReq.Options.FilterOptions.Expression expression = byStream ? filter.getStreamIdentifier()
                : filter.getEventType();
        Predicate<String> matches;
        if (!expression.getRegex().isEmpty()) {
            Pattern pattern = Pattern.compile(expression.getRegex());
            matches = s -> pattern.matcher(s).find();
        } else {
            List<String> prefixes = List.copyOf(expression.getPrefixList());
            matches = s -> prefixes.stream().anyMatch(s::startsWith);
        }
        return byStream ? r -> matches.test(r.stream())
                : r -> matches.test(Objects.requireNonNullElse(r.systemMetadata().get("type"), ""));
    }

    private static ReadResp event(StandInLog.Record record, boolean structuredIds) {
        Shared.UUID.Builder id = Shared.UUID.newBuilder();
        if (structuredIds) {
            id.setStructured(Shared.UUID.Structured.newBuilder()
                    .setMostSignificantBits(record.id().getMostSignificantBits())
                    .setLeastSignificantBits(record.id().getLeastSignificantBits()));
        } else {
            id.setString(record.id().toString());
        }
        ReadResp.ReadEvent.RecordedEvent recorded = ReadResp.ReadEvent.RecordedEvent.newBuilder()
                .setId(id)
                .setStreamIdentifier(Shared.StreamIdentifier.newBuilder()
                        .setStreamName(ByteString.copyFromUtf8(record.stream())))
                .setStreamRevision(record.revision())
                .setPreparePosition(record.preparePosition())
                .setCommitPosition(record.commitPosition())
                .putAllMetadata(record.systemMetadata())
                .setCustomMetadata(record.customMetadata())
                .setData(record.data())
                .build();
        return ReadResp.newBuilder().setEvent(ReadResp.ReadEvent.newBuilder()
                .setEvent(recorded).setCommitPosition(record.commitPosition())).build();
    }

    private static UUID uuid(Shared.UUID id) {
        if (id.hasStructured()) {
            return new UUID(id.getStructured().getMostSignificantBits(), id.getStructured().getLeastSignificantBits());
        }
        return UUID.fromString(id.getString());
    }

    /** Wall-clock timestamp for caught-up/checkpoint messages, which the client only logs. */
    private static Timestamp now() {
        java.time.Instant instant = java.time.Instant.now();
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
