package org.vidssl.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: one local[2] session for the whole test JVM (starting Spark takes seconds). */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            session = LocalSessions.start(2);
        }
        return session;
    }
}
