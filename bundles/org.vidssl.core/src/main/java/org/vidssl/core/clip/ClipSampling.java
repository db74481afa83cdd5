package org.vidssl.core.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where clips are cut, as the reference ({@code BestJuly/IIC datasets/ucf101.py}) cuts them.
 * <ul>
 * <li>Training: T consecutive frames from a start drawn uniformly from {@code [0, n - T]}
 * (Python's {@code random.randint(0, length - clip_len)}), a random crop offset drawn uniformly
 * like torchvision's {@code RandomCrop}, and an optional horizontal flip.</li>
 * <li>Test / retrieval: N clips whose centres are {@code numpy.linspace(T/2, n - T/2, N)}; the
 * start is {@code int(centre - T/2)} (truncation), and the crop is torchvision's
 * {@code CenterCrop}: {@code int(round((size - crop) / 2))} with Python's half-to-even rounding.</li>
 * <li>Videos shorter than T (which crash the reference) are looped: frame indices wrap around and
 * the plan says {@code looped}.</li>
 * </ul>
 * {@code n} is the number of frames usable by every requested modality. The reference uses the
 * RGB file count minus one because its TV-L1 flow folders hold one frame fewer; callers pass the
 * smallest count over the folders they read, which is the same number when flow is read.
 * <p>
 * All randomness comes from a {@link SplittableRandom} seeded by a mix of (seed, epoch, video), so
 * a training clip is reproducible from those three numbers whatever thread or order asks for it.
 */
public final class ClipSampling {

    private ClipSampling() {}

    /** The plan of the training clip of {@code video} in {@code epoch}; {@code frameCount} frames are usable. */
    public static ClipPlan train(ClipSettings settings, int frameCount, long seed, int epoch, int video) {
        requireFrames(frameCount);
        SplittableRandom random = random(seed, epoch, video);
        int t = settings.clipLength();
        int start = frameCount >= t ? random.nextInt(frameCount - t + 1) : 0;
        int cropY = random.nextInt(settings.resizeHeight() - settings.cropSize() + 1);
        int cropX = random.nextInt(settings.resizeWidth() - settings.cropSize() + 1);
        // drawn even when flipping is off, so switching flip on does not move starts or crops
        boolean flip = random.nextBoolean() && settings.flip();
        return plan(start, t, frameCount, cropY, cropX, flip);
    }

    /** The plans of the {@code count} centre-cropped evaluation clips, in time order. */
    public static List<ClipPlan> test(ClipSettings settings, int frameCount, int count) {
        requireFrames(frameCount);
        int cropY = centreOffset(settings.resizeHeight(), settings.cropSize());
        int cropX = centreOffset(settings.resizeWidth(), settings.cropSize());
        List<ClipPlan> plans = new ArrayList<>(count);
        for (int start : testStarts(frameCount, settings.clipLength(), count)) {
            plans.add(plan(start, settings.clipLength(), frameCount, cropY, cropX, false));
        }
        return plans;
    }

    /**
     * The reference's test clip starts: {@code [int(c - T/2) for c in numpy.linspace(T/2, n - T/2, N)]},
     * computed with numpy's arithmetic ({@code c_i = i * ((stop - start) / (N - 1)) + start}, the last
     * one exactly {@code stop}). When {@code n < T} every start is 0 (the clip loops).
     */
    public static int[] testStarts(int frameCount, int clipLength, int count) {
        requireFrames(frameCount);
        if (count < 1) {
            throw new IllegalArgumentException("Clips per video is " + count + ": use at least 1.");
        }
        int[] starts = new int[count];
        if (frameCount < clipLength) {
            return starts;
        }
        double half = clipLength / 2.0;
        double first = half;
        double last = frameCount - half;
        double step = count > 1 ? (last - first) / (count - 1) : 0;
        for (int i = 0; i < count; i++) {
            double centre = (count > 1 && i == count - 1) ? last : i * step + first;
            starts[i] = (int) (centre - half); // Python int(): truncation toward zero
        }
        return starts;
    }

    /** torchvision CenterCrop's offset: {@code int(round((size - crop) / 2.0))}, ties to even. */
    public static int centreOffset(int size, int crop) {
        if (crop > size) {
            throw new IllegalArgumentException("Crop " + crop + " is larger than the frame side " + size + ".");
        }
        return (int) Math.rint((size - crop) / 2.0);
    }

    /**
     * Source frames of a clip of {@code length} frames from {@code start}; indices wrap modulo
     * {@code frameCount} when the video is too short.
     */
    public static int[] frameIndices(int start, int length, int frameCount) {
        requireFrames(frameCount);
        int[] frames = new int[length];
        for (int t = 0; t < length; t++) {
            frames[t] = (start + t) % frameCount;
        }
        return frames;
    }

    /** The random stream of one (seed, epoch, video): independent of threads and call order. */
    public static SplittableRandom random(long seed, int epoch, int video) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ (epoch * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L));
        h = mix(h ^ (video * 0xD6E8FEB86659FD93L + 0x27D4EB2F165667C5L));
        return new SplittableRandom(h);
    }

    private static ClipPlan plan(int start, int length, int frameCount, int cropY, int cropX, boolean flip) {
        return new ClipPlan(frameIndices(start, length, frameCount), start, cropY, cropX, flip, frameCount < length);
    }

    /** Stafford's 64-bit finaliser (variant 13): every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void requireFrames(int frameCount) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("The video has " + frameCount
                    + " usable frames: a clip needs at least one (check that its frames were extracted).");
        }
    }
}
