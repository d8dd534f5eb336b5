package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store made before backtests, comparisons and saved-fit documents existed opens, gains their tables and column
 * and keeps its rows.
 */
class StoreTest {
    @Test
    void migratesAStoreWithoutTheNewTables(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("scalefit") + ";FILE_LOCK=FS";
        // the first release's schema, as it created it
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE datasets (id VARCHAR(40) PRIMARY KEY, name VARCHAR(400) NOT NULL,"
                    + " format VARCHAR(10) NOT NULL, created TIMESTAMP NOT NULL, rows_count INT NOT NULL,"
                    + " columns_json CLOB NOT NULL, sha256 VARCHAR(64) NOT NULL, content BLOB NOT NULL,"
                    + " bytes BIGINT NOT NULL)");
            s.execute("CREATE TABLE fits (id VARCHAR(40) PRIMARY KEY, dataset_id VARCHAR(40) NOT NULL,"
                    + " created TIMESTAMP NOT NULL, request_json CLOB NOT NULL, result_json CLOB NOT NULL,"
                    + " FOREIGN KEY (dataset_id) REFERENCES datasets(id) ON DELETE CASCADE)");
            s.execute("INSERT INTO datasets VALUES ('ds_1', 'a.csv', 'csv', CURRENT_TIMESTAMP, 1, '[]', 'x', X'00', 1)");
            s.execute("INSERT INTO fits VALUES ('fit_1', 'ds_1', CURRENT_TIMESTAMP, '{}', '{}')");
        }
        try (Store store = new Store(dir)) {
            // a fit stored before the saved-fit document was kept has none (it is rebuilt from its request)
            assertThat(store.fit("fit_1")).get().extracting(Store.Fit::savedJson).isNull();
            store.insertFit(new Store.Fit("fit_2", "ds_1", Instant.now(), "{}", "{}", "{\"format\":1}"));
            assertThat(store.fit("fit_2")).get().extracting(Store.Fit::savedJson).isEqualTo("{\"format\":1}");
            store.insert(Store.DocTable.BACKTESTS, new Store.Doc("bt_1", "fit_1", Instant.now(), "{}", "{}"));
            store.insert(Store.DocTable.COMPARISONS, new Store.Doc("cmp_1", "ds_1", Instant.now(), "{}", "{}"));
            assertThat(store.docs(Store.DocTable.BACKTESTS, "fit_1")).hasSize(1);
            // deleting the data set takes its fits, their backtests and its comparisons with it
            assertThat(store.deleteDataset("ds_1")).isTrue();
            assertThat(store.doc(Store.DocTable.BACKTESTS, "bt_1")).isEmpty();
            assertThat(store.doc(Store.DocTable.COMPARISONS, "cmp_1")).isEmpty();
        }
    }
}
