package org.oversight.ledger.storage.kurrentdb.standin;

import io.grpc.stub.StreamObserver;
import io.kurrent.dbclient.proto.serverfeatures.ServerFeaturesGrpc;
import io.kurrent.dbclient.proto.serverfeatures.Serverfeatures;
import io.kurrent.dbclient.proto.shared.Shared;

/** Tells the client which methods the stand-in serves (no batch append, no persistent subscriptions). */
final class StandInServerFeatures extends ServerFeaturesGrpc.ServerFeaturesImplBase {

    /** Reported server version; the stand-in models the 24.10 protocol surface. */
    static final String VERSION = "24.10.0-stand-in";

    @Override
    public void getSupportedMethods(Shared.Empty request, StreamObserver<Serverfeatures.SupportedMethods> response) {
        String service = "event_store.client.streams.streams";
        response.onNext(Serverfeatures.SupportedMethods.newBuilder()
                .setEventStoreServerVersion(VERSION)
                .addMethods(Serverfeatures.SupportedMethod.newBuilder().setServiceName(service).setMethodName("read"))
                .addMethods(Serverfeatures.SupportedMethod.newBuilder().setServiceName(service).setMethodName("append"))
                .build());
        response.onCompleted();
    }
}
