package org.scalefit.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.h2.jdbcx.JdbcConnectionPool;
import org.slf4j.LoggerFactory;

/**
 * The persistent run store: an embedded H2 database file under the data directory. Every write is one
 * transaction committed before the HTTP answer goes out, and the database flushes on commit
 * ({@code WRITE_DELAY=0}), so whatever the API reported saved survives the process being killed.
 */
public final class Store implements AutoCloseable {
    /** A stored data set: the uploaded bytes as they came, plus what reading them found. */
    public record Dataset(String id, String name, String format, Instant created, int rows, String columnsJson,
                          String sha256, long bytes) {
    }

    /**
     * A stored fit: the request that made it, its result document and its saved-fit document (the one
     * {@code scalefit fit --out} writes, from which the fit is rebuilt; null for a fit stored before it was kept),
     * all JSON text.
     */
    public record Fit(String id, String datasetId, Instant created, String requestJson, String resultJson,
                      String savedJson) {
    }

    /**
     * A stored backtest or comparison: the id of what it belongs to (a fit for a backtest, a data set for a
     * comparison), the request and the result document (JSON text).
     */
    public record Doc(String id, String ownerId, Instant created, String requestJson, String resultJson) {
    }

    /** The tables of {@link Doc}s: backtests belong to a fit, comparisons to a data set; both go with their owner. */
    enum DocTable {
        BACKTESTS("backtests", "fit_id"), COMPARISONS("comparisons", "dataset_id");

        final String table;
        final String owner;

        DocTable(String table, String owner) {
            this.table = table;
            this.owner = owner;
        }
    }

    /** The store cannot be used: another server holds it, or its file is damaged; the message says what to do. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }

    static final String DB_FILE = "scalefit.mv.db";

    private final JdbcConnectionPool pool;
    private final StoreLock lock;

    public Store(Path dataDir) throws SQLException {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Unavailable("cannot create the data directory " + dir + ": " + e.getMessage());
        }
        lock = StoreLock.acquire(dir);
        String file = dir.resolve("scalefit").toString();
        // FILE_LOCK=FS: the OS drops the lock when the process dies, so a restart after kill -9 opens at once
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + file + ";WRITE_DELAY=0;FILE_LOCK=FS", "sa", "");
        try {
            createTables();
        } catch (SQLException | RuntimeException e) {
            pool.dispose();
            lock.close();
            // the database's own account is for whoever examines the file, not for the user's terminal
            LoggerFactory.getLogger(Store.class).debug("opening the store in " + dir + " failed", e);
            throw new Unavailable("the store in " + dir + " cannot be read: its database file " + DB_FILE
                    + " looks damaged. To recover, move " + dir.resolve(DB_FILE) + " aside (keep it: it holds the"
                    + " uploaded data sets and fits) and start again with an empty store, or give another --data-dir");
        }
    }

    private void createTables() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS datasets (id VARCHAR(40) PRIMARY KEY, name VARCHAR(400) NOT NULL,"
                    + " format VARCHAR(10) NOT NULL, created TIMESTAMP NOT NULL, rows_count INT NOT NULL,"
                    + " columns_json CLOB NOT NULL, sha256 VARCHAR(64) NOT NULL, content BLOB NOT NULL,"
                    + " bytes BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS fits (id VARCHAR(40) PRIMARY KEY, dataset_id VARCHAR(40) NOT NULL,"
                    + " created TIMESTAMP NOT NULL, request_json CLOB NOT NULL, result_json CLOB NOT NULL,"
                    + " FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE)");
            // added after the first release: IF NOT EXISTS migrates a store made before them
            s.execute("CREATE TABLE IF NOT EXISTS backtests (id VARCHAR(40) PRIMARY KEY, fit_id VARCHAR(40) NOT NULL,"
                    + " created TIMESTAMP NOT NULL, request_json CLOB NOT NULL, result_json CLOB NOT NULL,"
                    + " FOREIGN KEY (fit_id) REFERENCES fits(id) ON DELETE CASCADE)");
            s.execute("CREATE TABLE IF NOT EXISTS comparisons (id VARCHAR(40) PRIMARY KEY,"
                    + " dataset_id VARCHAR(40) NOT NULL, created TIMESTAMP NOT NULL, request_json CLOB NOT NULL,"
                    + " result_json CLOB NOT NULL,"
                    + " FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE)");
            // added later still: a fit stored before it has none, and is rebuilt from its request
            s.execute("ALTER TABLE fits ADD COLUMN IF NOT EXISTS saved_json CLOB");
            // a count over every table, so a file damaged past its header is found now, not mid-request
            s.executeQuery("SELECT (SELECT COUNT(*) FROM datasets) + (SELECT COUNT(*) FROM fits)"
                    + " + (SELECT COUNT(*) FROM backtests) + (SELECT COUNT(*) FROM comparisons)").close();
        }
    }

    /** Bytes of uploaded data and stored result documents: what --max-store bounds. */
    public long usedBytes() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE((SELECT SUM(bytes) FROM datasets), 0)"
                     + " + COALESCE((SELECT SUM(OCTET_LENGTH(result_json) + OCTET_LENGTH(request_json)"
                     + " + COALESCE(OCTET_LENGTH(saved_json), 0)) FROM fits), 0)"
                     + " + COALESCE((SELECT SUM(OCTET_LENGTH(result_json)) FROM backtests), 0)"
                     + " + COALESCE((SELECT SUM(OCTET_LENGTH(result_json)) FROM comparisons), 0)")) {
            r.next();
            return r.getLong(1);
        }
    }

    public long countDatasets() throws SQLException {
        return count("SELECT COUNT(*) FROM datasets", null);
    }

    public long countFits(String datasetId) throws SQLException {
        return count("SELECT COUNT(*) FROM fits" + (datasetId == null ? "" : " WHERE dataset_id = ?"), datasetId);
    }

    private long count(String sql, String param) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (param != null) {
                p.setString(1, param);
            }
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    public void insertDataset(Dataset d, byte[] content) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO datasets (id, name, format, created, rows_count,"
                     + " columns_json, sha256, content, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, d.id());
            p.setString(2, d.name());
            p.setString(3, d.format());
            p.setTimestamp(4, Timestamp.from(d.created()));
            p.setInt(5, d.rows());
            p.setString(6, d.columnsJson());
            p.setString(7, d.sha256());
            p.setBytes(8, content);
            p.setLong(9, content.length);
            p.executeUpdate();
        }
    }

    /** One page of the data sets, newest first. */
    public List<Dataset> datasets(int limit, int offset) throws SQLException {
        List<Dataset> out = new ArrayList<>();
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id, name, format, created, rows_count, columns_json,"
                     + " sha256, bytes FROM datasets ORDER BY created DESC, id LIMIT ? OFFSET ?")) {
            p.setInt(1, limit);
            p.setInt(2, offset);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(dataset(r));
                }
            }
        }
        return out;
    }

    public Optional<Dataset> dataset(String id) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id, name, format, created, rows_count, columns_json,"
                     + " sha256, bytes FROM datasets WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(dataset(r)) : Optional.empty();
            }
        }
    }

    public Optional<byte[]> content(String datasetId) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT content FROM datasets WHERE id = ?")) {
            p.setString(1, datasetId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Deletes a data set and (by the foreign keys) its fits, their backtests and its comparisons; false when there was none. */
    public boolean deleteDataset(String id) throws SQLException {
        return delete("DELETE FROM datasets WHERE id = ?", id);
    }

    public void insertFit(Fit f) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO fits (id, dataset_id, created, request_json,"
                     + " result_json, saved_json) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, f.id());
            p.setString(2, f.datasetId());
            p.setTimestamp(3, Timestamp.from(f.created()));
            p.setString(4, f.requestJson());
            p.setString(5, f.resultJson());
            p.setString(6, f.savedJson());
            p.executeUpdate();
        }
    }

    /** One page of the fits (of one data set, or all when null), newest first. */
    public List<Fit> fits(String datasetId, int limit, int offset) throws SQLException {
        List<Fit> out = new ArrayList<>();
        String sql = "SELECT id, dataset_id, created, request_json, result_json, saved_json FROM fits"
                + (datasetId == null ? "" : " WHERE dataset_id = ?") + " ORDER BY created DESC, id LIMIT ? OFFSET ?";
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            int k = 1;
            if (datasetId != null) {
                p.setString(k++, datasetId);
            }
            p.setInt(k++, limit);
            p.setInt(k, offset);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(fit(r));
                }
            }
        }
        return out;
    }

    public Optional<Fit> fit(String id) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id, dataset_id, created, request_json, result_json,"
                     + " saved_json FROM fits WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(fit(r)) : Optional.empty();
            }
        }
    }

    public boolean deleteFit(String id) throws SQLException {
        return delete("DELETE FROM fits WHERE id = ?", id);
    }

    public void insert(DocTable t, Doc d) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("INSERT INTO " + t.table + " (id, " + t.owner + ", created,"
                     + " request_json, result_json) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, d.id());
            p.setString(2, d.ownerId());
            p.setTimestamp(3, Timestamp.from(d.created()));
            p.setString(4, d.requestJson());
            p.setString(5, d.resultJson());
            p.executeUpdate();
        }
    }

    /** Newest first; all of them when {@code ownerId} is null. */
    public List<Doc> docs(DocTable t, String ownerId) throws SQLException {
        List<Doc> out = new ArrayList<>();
        String sql = "SELECT id, " + t.owner + ", created, request_json, result_json FROM " + t.table
                + (ownerId == null ? "" : " WHERE " + t.owner + " = ?") + " ORDER BY created DESC, id";
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (ownerId != null) {
                p.setString(1, ownerId);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(doc(r));
                }
            }
        }
        return out;
    }

    public Optional<Doc> doc(DocTable t, String id) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT id, " + t.owner + ", created, request_json,"
                     + " result_json FROM " + t.table + " WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(doc(r)) : Optional.empty();
            }
        }
    }

    public boolean delete(DocTable t, String id) throws SQLException {
        return delete("DELETE FROM " + t.table + " WHERE id = ?", id);
    }

    private static Doc doc(ResultSet r) throws SQLException {
        return new Doc(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4), r.getString(5));
    }

    private boolean delete(String sql, String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id);
            return p.executeUpdate() > 0;
        }
    }

    private static Dataset dataset(ResultSet r) throws SQLException {
        return new Dataset(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(), r.getInt(5),
                r.getString(6), r.getString(7), r.getLong(8));
    }

    private static Fit fit(ResultSet r) throws SQLException {
        return new Fit(r.getString(1), r.getString(2), r.getTimestamp(3).toInstant(), r.getString(4), r.getString(5),
                r.getString(6));
    }

    @Override
    public void close() {
        try {
            pool.dispose();
        } finally {
            lock.close();
        }
    }
}
