package org.vidssl.torch.train;

import java.util.Random;
import org.vidssl.core.io.NpyArray;

/**
 * A {@link Random} (SplitMix64 stream) whose whole state is one long, so checkpoints can store and restore
 * it exactly without Java serialisation. Do not call {@code nextGaussian} where a checkpoint must resume
 * exactly (Random caches a second Gaussian outside this state).
 */
public final class StatefulRandom extends Random {
    private static final long serialVersionUID = 1L;

    private long state;

    public StatefulRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        state = seed ^ 0x5DEECE66DL;
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public synchronized long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public synchronized long state() {
        return state;
    }

    public synchronized void restore(long s) {
        state = s;
    }

    /** The state as 4 exact 16-bit chunks in a float array (checkpoint entries are float arrays). */
    public NpyArray save() {
        long s = state();
        float[] chunks = new float[4];
        for (int i = 0; i < 4; i++) {
            chunks[i] = (float) ((s >>> (16 * i)) & 0xFFFF);
        }
        return new NpyArray(new long[] {4}, chunks);
    }

    public void restore(NpyArray saved) {
        long s = 0;
        for (int i = 0; i < 4; i++) {
            s |= ((long) saved.data()[i] & 0xFFFF) << (16 * i);
        }
        restore(s);
    }
}
