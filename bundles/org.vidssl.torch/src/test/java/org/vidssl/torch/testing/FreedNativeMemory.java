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

    private FreedNativeMemory() {}

    /** Collects and overwrites; keep the returned buffers reachable until the check is done. */
    public static List<ByteBuffer> collectAndOverwrite() {
        return collectAndOverwrite(4);
    }

    /** The same for freed blocks of {@code blockBytes} (e.g. index arrays: 8 bytes per index). */
    public static List<ByteBuffer> collectAndOverwrite(int blockBytes) {
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
            ByteBuffer b = ByteBuffer.allocateDirect(blockBytes);
            for (int at = 0; at + 4 <= blockBytes; at += 4) {
                b.putInt(at, 0xFFFFFFFF); // a NaN as float; as a long index -1
            }
            filled.add(b);
        }
        return filled;
    }
}
