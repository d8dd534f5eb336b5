package org.scalefit.spark;

import org.apache.spark.sql.SparkSession;

/** The one way tests start Spark: local[2] on loopback only, no UI, few shuffle partitions. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession start(String name) {
        return SparkSession.builder()
                .appName(name)
                .master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .getOrCreate();
    }
}
