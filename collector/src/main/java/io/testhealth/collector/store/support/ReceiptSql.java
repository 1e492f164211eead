package io.testhealth.collector.store.support;

import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.store.UploadReceipt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL of the {@code runs} and {@code uploads} rows, which both stores write the same way: one statement each per
 * upload, so plain prepared statements are fine here (the bulk goes through {@code COPY} or the Appender).
 *
 * <p>Both inserts leave an existing row as it is ({@code ON CONFLICT DO NOTHING}, or for PostgreSQL's run a
 * {@code DO UPDATE} that changes nothing and only locks it): a run is shared by several uploads, and an upload key
 * (component and upload id) that already exists means a repeated upload, recognised by an update count of zero
 * rather than by an exception, so the transaction stays usable for the rollback.
 */
public final class ReceiptSql {

    private final String insertUpload;
    private final String insertRun;
    private final String jsonParameter;

    /**
     * @param jsonParameter how the warnings parameter is written in SQL: {@code ?} where JSON is text,
     *                      {@code CAST(? AS jsonb)} for a jsonb column
     */
    public ReceiptSql(String jsonParameter) {
        this(jsonParameter, false);
    }

    /**
     * @param jsonParameter how the warnings parameter is written in SQL: {@code ?} where JSON is text,
     *                      {@code CAST(? AS jsonb)} for a jsonb column
     * @param lockRun       whether inserting the run locks an existing {@code runs} row until the commit (PostgreSQL):
     *                      retention deletes a run's rows after locking it by deleting its {@code runs} row, so an
     *                      upload to that run either commits before and is deleted whole, or waits, finds the run
     *                      gone and inserts it anew. A plain {@code DO NOTHING} takes no lock, and an upload that
     *                      passed it just before the run was deleted would commit its results without their run.
     *                      (DuckDB has no row locks: its store serialises the two under its commit lock.)
     */
    public ReceiptSql(String jsonParameter, boolean lockRun) {
        this.jsonParameter = jsonParameter;
        this.insertRun = INSERT_RUN + (lockRun
                // DO UPDATE locks the row it conflicts with; WHERE false leaves it unchanged (no new row version).
                ? " ON CONFLICT (run_id) DO UPDATE SET run_id = EXCLUDED.run_id WHERE false"
                : " ON CONFLICT (run_id) DO NOTHING");
        this.insertUpload = "INSERT INTO uploads (upload_id, run_id, component, format, tests, passed, failed, errors,"
                + " skipped, flaky, test_results, duration_seconds, warnings, received_at, request_digest)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + jsonParameter + ", ?, ?)"
                + " ON CONFLICT (component, upload_id) DO NOTHING";
    }

    private static final String INSERT_RUN = "INSERT INTO runs (run_id, component, team, repository, branch,"
            + " commit_sha, pipeline, job, attempt, environment, run_url, started_at, created_at, finished_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String SELECT_UPLOAD = "SELECT upload_id, run_id, component, format, tests, passed, failed,"
            + " errors, skipped, flaky, test_results, duration_seconds, CAST(warnings AS VARCHAR), received_at,"
            + " request_digest FROM uploads WHERE component = ? AND upload_id = ?";

    /** How a JSON parameter is written in this store's SQL: {@code ?}, or {@code CAST(? AS jsonb)}. */
    public String jsonParameter() {
        return jsonParameter;
    }

    /** Inserts the run unless an earlier upload of the same run did. */
    public void insertRun(Connection c, Object[] run) throws SQLException {
        execute(c, insertRun, run);
    }

    /** Whether the run is stored (as seen by the connection's transaction). */
    public boolean runExists(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Inserts the receipt; {@code false} when an upload with this key is already stored. */
    public boolean insertUpload(Connection c, UploadReceipt receipt) throws SQLException {
        return execute(c, insertUpload, HistoryRows.upload(receipt)) == 1;
    }

    /** The stored receipt of an upload, as committed (never marked duplicate). */
    public Optional<UploadReceipt> find(Connection c, UploadKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_UPLOAD)) {
            ps.setString(1, HistoryRows.text(key.component().toString()));
            ps.setString(2, HistoryRows.text(key.uploadId()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(receipt(rs)) : Optional.empty();
            }
        }
    }

    private static UploadReceipt receipt(ResultSet rs) throws SQLException {
        ResultCounts counts = new ResultCounts(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10));
        return new UploadReceipt(rs.getString(1), rs.getString(2), rs.getString(3),
                ReportFormat.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), counts, rs.getLong(11),
                rs.getDouble(12), HistoryRows.parseWarnings(rs.getString(13)),
                rs.getObject(14, OffsetDateTime.class).toInstant(), Objects.requireNonNullElse(rs.getString(15), ""),
                false);
    }

    private static int execute(Connection c, String sql, Object[] values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps.executeUpdate();
        }
    }
}
