package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.knime.util.RowLayout.Kind;

class HistoriesTest {

    @Test
    void aPretrainingEpochBecomesOneRowWithTheLossSum() {
        EpochRecord e = new EpochRecord(3, 1.5, 2.0, 0.25, 0.5, 0.01, 12.5, 40);
        assertEquals(
                List.of(
                        "Epoch",
                        "Loss",
                        "Loss view 1",
                        "Loss view 2",
                        "Positive probability view 1",
                        "Positive probability view 2",
                        "Learning rate",
                        "Seconds",
                        "Clips per second"),
                Histories.PRETRAIN.names());
        assertArrayEquals(new Object[] {3, 3.5, 1.5, 2.0, 0.25, 0.5, 0.01, 12.5, 40.0}, Histories.PRETRAIN.values(e));
        assertEquals(Kind.INT, Histories.PRETRAIN.columns().get(0).kind());
        assertEquals(Kind.DOUBLE, Histories.PRETRAIN.columns().get(1).kind());
    }
}
