package io.testhealth.collector.traces.otlp;

/** The gRPC status codes the OTLP/HTTP receivers write into {@code google.rpc.Status}, by number. */
final class GrpcCodes {

    static final int INVALID_ARGUMENT = 3;
    static final int DEADLINE_EXCEEDED = 4;
    static final int NOT_FOUND = 5;
    static final int PERMISSION_DENIED = 7;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int UNIMPLEMENTED = 12;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    private GrpcCodes() {
    }
}
