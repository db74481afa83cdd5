package org.vidssl.spark;

import org.apache.spark.sql.SparkSession;

/** Spark in local mode, in this JVM (benchmarks and tests): no web UI, loopback only, shuffles sized to the cores. */
public final class LocalSessions {

    private LocalSessions() {}

    /** A local session with {@code cores} task threads ({@code local[cores]}); close it to stop Spark. */
    public static SparkSession start(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("Cores is " + cores + ": use 1 or more.");
        }
        return SparkSession.builder()
                .master("local[" + cores + "]")
                .appName("vidssl spark local")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", Integer.toString(2 * cores))
                .getOrCreate();
    }
}
