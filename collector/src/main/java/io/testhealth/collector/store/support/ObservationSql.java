package io.testhealth.collector.store.support;

import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.store.StoredTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL that puts what a job run's test spans showed on the results its JUnit or Allure report stored before them
 * ({@link io.testhealth.collector.store.UploadWriter#addObservation}), the same for both stores: the run's results are
 * read once through {@code test_results_run_idx}, their labels merged here, and only the changed rows updated, in one
 * batch.
 */
final class ObservationSql {

    private static final String SELECT = "SELECT upload_id, test_id, invocation, CAST(labels AS VARCHAR)"
            + " FROM test_results WHERE run_id = ?";

    private ObservationSql() {
    }

    /** The stored results to annotate and the observation each gets, kept until the upload commits. */
    static final class Pending {
        private final Map<Result, Map<String, List<String>>> byResult = new HashMap<>();

        boolean isEmpty() {
            return byResult.isEmpty();
        }

        void add(StoredTest stored, Map<String, List<String>> observation) {
            byResult.put(new Result(stored.uploadId(), stored.testId(), stored.invocation()), Map.copyOf(observation));
        }
    }

    /**
     * Marks the upload as one that changed results of earlier uploads (column {@code uploads.annotated_earlier}), in
     * its transaction, after its receipt was inserted: histories extended with the results of later uploads alone
     * would miss the change.
     */
    static void markAnnotating(Connection c, String component, String uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE uploads SET annotated_earlier = true WHERE component = ? AND upload_id = ?")) {
            ps.setString(1, component);
            ps.setString(2, uploadId);
            ps.executeUpdate();
        }
    }

    private record Result(String uploadId, String testId, String invocation) {
    }

    /** One stored row's labels before and after; rows of one result with the same labels change alike. */
    private record Change(Result result, String before, String after) {
    }

    /**
     * Writes the pending observations in the connection's transaction.
     *
     * @param jsonParameter how the labels parameter is written in SQL: {@code ?} where JSON is text,
     *                      {@code CAST(? AS jsonb)} for a jsonb column
     */
    static void write(Connection c, String runId, Pending pending, String jsonParameter) throws SQLException {
        if (pending.byResult.isEmpty()) {
            return;
        }
        Set<Change> changes = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Result r = new Result(rs.getString(1), rs.getString(2), rs.getString(3));
                    Map<String, List<String>> observation = pending.byResult.get(r);
                    if (observation != null) {
                        String before = rs.getString(4);
                        changes.add(new Change(r, before, HistoryRows.labelsJson(
                                ObservedLayer.withObservation(HistoryRows.parseLabels(before), observation))));
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        String update = "UPDATE test_results SET labels = " + jsonParameter + " WHERE run_id = ? AND upload_id = ?"
                + " AND test_id = ? AND invocation = ? AND CAST(labels AS VARCHAR) = ?";
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (Change change : changes) {
                ps.setString(1, change.after());
                ps.setString(2, runId);
                ps.setString(3, change.result().uploadId());
                ps.setString(4, change.result().testId());
                ps.setString(5, change.result().invocation());
                ps.setString(6, change.before());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
