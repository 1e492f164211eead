package io.testhealth.collector.store;

import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of uploads and results for the store tests. */
public final class StoreFixtures {

    /** A fixed receipt time, at microsecond precision as both databases keep it. */
    public static final Instant RECEIVED = Instant.parse("2026-11-02T10:15:30.123456Z");

    /** Opens a connection to a store's tables; the caller closes it. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * The single number a {@code SELECT count(*) ... WHERE x = ?} answers, on a connection of its own (rolled back
     * when it is not in autocommit, so it leaves no transaction open).
     */
    public static long count(Connector connector, String sql, String value) throws SQLException {
        try (Connection conn = connector.connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                if (!conn.getAutoCommit()) {
                    conn.rollback();
                }
                return n;
            }
        }
    }

    private StoreFixtures() {
    }

    /** Metadata of a run of pipeline {@code pipeline} with a fresh upload id. */
    public static UploadMetadata upload(String pipeline) {
        return new UploadMetadata(ComponentRef.parse("payments"), "team-a", "git@example.com:pay.git", "main",
                "abc123", pipeline, "test", 1, "jdk17", null, "https://ci/1", Instant.parse("2026-11-02T10:00:00Z"),
                null, "up-" + UUID.randomUUID());
    }

    /**
     * Metadata of a run of its own (fresh pipeline and upload id) of {@code component}, started at {@code startedAt}.
     *
     * @param team the team the upload names, or empty
     */
    public static UploadMetadata upload(ComponentRef component, String team, Instant startedAt) {
        String pipeline = "p-" + UUID.randomUUID();
        return new UploadMetadata(component, team, "git@example.com:pay.git", "main", "sha-" + startedAt, pipeline,
                "test", 1, "jdk17", null, "https://ci/" + pipeline, startedAt, null, "up-" + UUID.randomUUID());
    }

    /** A component no other test uses, so that tests sharing a store do not see each other's history. */
    public static ComponentRef freshComponent() {
        return ComponentRef.parse("c-" + UUID.randomUUID());
    }

    /** A result of one attempt with the given status and duration (a failure for failed and error). */
    public static TestResult once(TestIdentity id, Status status, Double seconds) {
        Failure failure = status.isFailure() ? Failure.of("java.lang.IllegalStateException", "boom " + seconds, null)
                : null;
        return new TestResult(id, List.of(new Attempt(status, seconds, null, failure, 0, 0)), "", "TEST-z.xml", null,
                Map.of());
    }

    /** Metadata with a fresh, unique pipeline: a run of its own. */
    public static UploadMetadata upload() {
        return upload("p-" + UUID.randomUUID());
    }

    /** The receipt of {@code results} results for an upload. */
    public static UploadReceipt receipt(UploadMetadata m, long results) {
        return new UploadReceipt(m.uploadId(), m.runId(), m.component().toString(), ReportFormat.JUNIT,
                new ResultCounts(results, results, 0, 0, 0, 0), results, results * 0.5,
                List.of("one warning"), RECEIVED, "sha256-" + m.uploadId(), false);
    }

    /** A passing result of test number {@code i}; every tenth is flaky (failed once, then passed). */
    public static TestResult numbered(int i) {
        TestIdentity id = new TestIdentity("com.example.Suite" + (i % 50), "test" + i, "");
        if (i % 10 == 0) {
            return flaky(id);
        }
        return new TestResult(id, List.of(passed(0.5)), "", "TEST-x.xml", null, Map.of());
    }

    /** A result that failed and then passed on a retry, with a layer and labels. */
    public static TestResult flaky(TestIdentity id) {
        Attempt failed = new Attempt(Status.FAILED, 1.25, Instant.parse("2026-11-02T10:01:00Z"),
                Failure.of("java.lang.AssertionError", "expected 1 but was 2", "at a.B.c(B.java:1)"), 10, 20);
        return new TestResult(id, List.of(failed, passed(0.75)), "h1", "TEST-y.xml",
                new DeclaredLayer(Layer.INTEGRATION, LayerSource.TEST_PROPERTY), Map.of("tag", List.of("slow", "db")));
    }

    /** A passed attempt of the given duration. */
    public static Attempt passed(Double seconds) {
        return new Attempt(Status.PASSED, seconds, null, null, 0, 0);
    }
}
