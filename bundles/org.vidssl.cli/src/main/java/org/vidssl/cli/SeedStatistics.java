package org.vidssl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mean and standard error of one figure over seeds: the error is the sample standard deviation (n - 1) over the
 * square root of n, NaN for a single seed.
 */
record SeedStatistics(List<Double> values, double mean, double standardError) {

    /** Relative size below which an error is floating-point rounding. */
    private static final double ROUNDING = 1e-9;

    static SeedStatistics of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No values to summarise.");
        }
        int n = values.size();
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        double squares =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double error = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        // equal seeds give an error of rounding noise (12.000000000000002 against 12.0), which is 0, not a divisor
        if (error < ROUNDING * Math.max(1, Math.abs(mean))) {
            error = 0;
        }
        return new SeedStatistics(List.copyOf(values), mean, error);
    }

    /** {@code mean ± error} with one decimal ("-" for the error of a single seed). */
    String text() {
        return String.format(
                Locale.ROOT,
                "%.1f ± %s",
                mean,
                Double.isNaN(standardError) ? "-" : String.format(Locale.ROOT, "%.1f", standardError));
    }

    /** The difference in standard errors, NaN when there is no error or it is 0. */
    double inErrors() {
        return standardError > 0 ? mean / standardError : Double.NaN;
    }

    /** As JSON: mean, standardError (null for a single seed), n and the values. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("standardError", Double.isNaN(standardError) ? null : standardError);
        m.put("n", values.size());
        m.put("values", values);
        return m;
    }
}
