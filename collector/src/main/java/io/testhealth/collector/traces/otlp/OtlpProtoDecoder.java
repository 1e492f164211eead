package io.testhealth.collector.traces.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.traces.ReceivedSpan;
import io.testhealth.collector.traces.ReceivedSpan.RecordedException;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import io.testhealth.collector.traces.SpanAttributes;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Decodes an OTLP {@code ExportTraceServiceRequest} in its binary protobuf encoding (OTLP/HTTP and OTLP/gRPC). */
public final class OtlpProtoDecoder {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpProtoDecoder() {
    }

    /**
     * Parses the request's bytes.
     *
     * @throws IngestException (malformed) when the bytes are not an {@code ExportTraceServiceRequest}
     */
    public static ExportTraceServiceRequest parse(byte[] body) {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IngestException(Reason.MALFORMED, "the body is not an OTLP ExportTraceServiceRequest in protobuf: "
                    + e.getMessage());
        }
    }

    /** Number of spans in the request, counted before anything is decoded. */
    public static int spanCount(ExportTraceServiceRequest request) {
        int n = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                n += ss.getSpansCount();
            }
        }
        return n;
    }

    /**
     * The request's spans.
     *
     * @throws IngestException (malformed) for a trace id that is not 16 bytes, a span id that is not 8
     */
    public static List<ReceivedSpan> decode(ExportTraceServiceRequest request) {
        List<ReceivedSpan> out = new ArrayList<>(spanCount(request));
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans rs = request.getResourceSpans(r);
            SpanAttributes resource = attributes(rs.getResource().getAttributesList());
            for (int s = 0; s < rs.getScopeSpansCount(); s++) {
                ScopeSpans ss = rs.getScopeSpans(s);
                for (int i = 0; i < ss.getSpansCount(); i++) {
                    out.add(span(ss.getSpans(i), resource, "resource_spans[" + r + "].scope_spans[" + s + "].spans[" + i + "]"));
                }
            }
        }
        return out;
    }

    private static ReceivedSpan span(Span span, SpanAttributes resource, String where) {
        String traceId = id(span.getTraceId(), 16, where + ".trace_id", false);
        String spanId = id(span.getSpanId(), 8, where + ".span_id", false);
        String parent = id(span.getParentSpanId(), 8, where + ".parent_span_id", true);
        RecordedException exception = null;
        for (Span.Event e : span.getEventsList()) {
            if (e.getName().equals("exception")) {
                SpanAttributes a = attributes(e.getAttributesList());
                exception = new RecordedException(a.text("exception.type").orElse(""),
                        a.text("exception.message").orElse(""), a.text("exception.stacktrace").orElse(""));
                break;
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, span.getName(), kind(span.getKindValue()),
                span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), attributes(span.getAttributesList()), resource,
                span.getStatus().getCodeValue() == 2, span.getStatus().getMessage(), exception);
    }

    /** OTLP's span kinds by number; an unknown number is unspecified. */
    static SpanKind kind(int value) {
        return switch (value) {
            case 1 -> SpanKind.INTERNAL;
            case 2 -> SpanKind.SERVER;
            case 3 -> SpanKind.CLIENT;
            case 4 -> SpanKind.PRODUCER;
            case 5 -> SpanKind.CONSUMER;
            default -> SpanKind.UNSPECIFIED;
        };
    }

    private static String id(ByteString bytes, int length, String where, boolean optional) {
        if (optional && bytes.isEmpty()) {
            return "";
        }
        if (bytes.size() != length) {
            throw new IngestException(Reason.MALFORMED, where + " must be " + length + " bytes, got " + bytes.size());
        }
        byte[] b = bytes.toByteArray();
        boolean allZero = true;
        for (byte x : b) {
            allZero &= x == 0;
        }
        if (allZero) {
            if (optional) {
                return "";
            }
            throw new IngestException(Reason.MALFORMED, where + " is all zeros, which OTLP forbids");
        }
        return HEX.formatHex(b);
    }

    static SpanAttributes attributes(List<KeyValue> kvs) {
        if (kvs.isEmpty()) {
            return SpanAttributes.empty();
        }
        SpanAttributes.Builder b = SpanAttributes.builder();
        for (KeyValue kv : kvs) {
            b.put(kv.getKey(), value(kv.getValue()));
        }
        return b.build();
    }

    /** An {@code AnyValue} as a Java value; key-value lists and bytes, which no attribute read here uses, as null. */
    private static Object value(AnyValue v) {
        return switch (v.getValueCase()) {
            case STRING_VALUE -> v.getStringValue();
            case BOOL_VALUE -> v.getBoolValue();
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue();
            case ARRAY_VALUE -> {
                List<Object> list = new ArrayList<>(v.getArrayValue().getValuesCount());
                for (AnyValue e : v.getArrayValue().getValuesList()) {
                    Object o = value(e);
                    if (o != null) {
                        list.add(o);
                    }
                }
                yield List.copyOf(list);
            }
            default -> null;
        };
    }
}
