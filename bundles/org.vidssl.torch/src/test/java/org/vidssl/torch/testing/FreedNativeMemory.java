package org.vidssl.torch.testing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes reads of freed native memory visible: frees what the garbage collector can (unreachable direct buffers
 * are freed by their cleaner) and then refills the freed blocks with NaN. Code that still reads such memory
 * (a tensor whose direct buffer nobody references any more) then computes with NaN or other garbage at once
 * instead of once in a while in a long-running JVM.
 */
public final class FreedNativeMemory {

    /** Small blocks like DJL's scalar buffers (4 bytes); the allocator hands freed blocks of a size out first. */
    private static final int BLOCKS = 100_000;

    private FreedNativeMemory() {
    }

    /** Collects and overwrites; keep the returned buffers reachable until the check is done. */
    public static List<ByteBuffer> collectAndOverwrite() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100); // the cleaner thread frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ByteBuffer> filled = new ArrayList<>(BLOCKS);
        for (int i = 0; i < BLOCKS; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putInt(0, 0xFFFFFFFF); // a NaN as float
            filled.add(b);
        }
        return filled;
    }
}
