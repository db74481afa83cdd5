package org.vidssl.video.synth;

import java.util.SplittableRandom;

/**
 * Draws the frames of one synthetic video into a BGR byte buffer (row-major, 3 bytes per pixel, no padding).
 * Everything visible except the motion is drawn from the video's own random stream with the same
 * distribution for every class: shape, two colours, size, start position and angle, background texture
 * and pixel noise. The object wraps around the frame edges, so its position in any one frame is uniform
 * whatever the motion, and a single frame does not tell the class.
 */
final class MotionRenderer {

    enum Shape {
        CIRCLE,
        SQUARE,
        TRIANGLE,
        CROSS,
        DIAMOND
    }

    private static final double TWO_PI = 2 * Math.PI;

    private final MotionPattern motion;
    private final int frames;
    private final int height;
    private final int width;
    private final byte[] background;
    private final Shape shape;
    private final int[] colour = new int[3];
    private final int[] secondColour = new int[3];
    private final double radius;
    private final double startX;
    private final double startY;
    private final double startAngle;
    private final double speed;
    private final double pathRadius;
    private final double noiseAmplitude;
    private final int[] noiseTable = new int[256];
    private final long noiseSeed;
    private final int zigZagSign;

    /** @param motionSpeed multiple of the default speed range (see {@link SyntheticSettings#motionSpeed()}) */
    MotionRenderer(MotionPattern motion, int frames, int height, int width, double motionSpeed, long videoSeed) {
        this.motion = motion;
        this.frames = frames;
        this.height = height;
        this.width = width;
        SplittableRandom random = new SplittableRandom(videoSeed);
        int side = Math.min(height, width);
        // appearance: drawn in a fixed order that does not depend on the motion
        int[] base = randomColour(random);
        background = texture(random, base);
        do {
            randomColourInto(random, colour);
        } while (distance(colour, base) < 120);
        for (int c = 0; c < 3; c++) {
            secondColour[c] =
                    (colour[c] + 96 + random.nextInt(64)) % 256; // two-tone, so rotation is visible on any shape
        }
        shape = Shape.values()[random.nextInt(Shape.values().length)];
        radius = side * random.nextDouble(0.10, 0.18);
        startX = random.nextDouble(width);
        startY = random.nextDouble(height);
        startAngle = random.nextDouble(TWO_PI);
        noiseAmplitude = random.nextDouble(0, 12);
        for (int k = 0; k < 256; k++) {
            noiseTable[k] = (int) Math.round((k / 255.0 * 2 - 1) * noiseAmplitude);
        }
        noiseSeed = random.nextLong();
        // motion magnitude: same distribution for every class; drawn at any speed, so the stream stays aligned
        speed = motionSpeed * side * random.nextDouble(0.6, 1.2) / 32; // pixels per frame
        pathRadius = side * random.nextDouble(0.15, 0.25);
        zigZagSign = random.nextBoolean() ? 1 : -1;
    }

    /** Frame {@code t} (0-based) as BGR bytes. */
    byte[] frame(int t) {
        byte[] pixels = background.clone();
        double x = startX;
        double y = startY;
        double scale = 1;
        double angle = startAngle;
        double along = speed * t;
        double diagonal = along / Math.sqrt(2);
        switch (motion) {
            case MOVE_RIGHT -> x += along;
            case MOVE_LEFT -> x -= along;
            case MOVE_UP -> y -= along;
            case MOVE_DOWN -> y += along;
            case MOVE_UP_RIGHT -> {
                x += diagonal;
                y -= diagonal;
            }
            case MOVE_UP_LEFT -> {
                x -= diagonal;
                y -= diagonal;
            }
            case MOVE_DOWN_RIGHT -> {
                x += diagonal;
                y += diagonal;
            }
            case MOVE_DOWN_LEFT -> {
                x -= diagonal;
                y += diagonal;
            }
            case CIRCLE_CLOCKWISE, CIRCLE_ANTICLOCKWISE -> {
                // image y points down, so an increasing angle turns clockwise on screen
                double turn = (motion == MotionPattern.CIRCLE_CLOCKWISE ? 1 : -1) * along / pathRadius;
                x += pathRadius * (Math.cos(startAngle + turn) - Math.cos(startAngle));
                y += pathRadius * (Math.sin(startAngle + turn) - Math.sin(startAngle));
            }
            case ZIG_ZAG -> {
                double period = 12;
                double phase = (t % period) / period; // triangle wave 0..1..0
                double wave = phase < 0.5 ? 2 * phase : 2 - 2 * phase;
                x += zigZagSign * along * 0.5;
                y += (wave - 0.5) * pathRadius * 1.5;
            }
            // zoom: the size is the drawn radius at the middle frame, so size statistics match other classes
            case ZOOM_IN -> scale = Math.exp(Math.log(2.2) * ((double) t / Math.max(1, frames - 1) - 0.5));
            case ZOOM_OUT -> scale = Math.exp(-Math.log(2.2) * ((double) t / Math.max(1, frames - 1) - 0.5));
            case ROTATE_CLOCKWISE -> angle += along / radius;
            case ROTATE_ANTICLOCKWISE -> angle -= along / radius;
        }
        drawObject(pixels, x, y, radius * scale, angle);
        addNoise(pixels, noiseSeed + 0x9E3779B97F4A7C15L * (t + 1));
        return pixels;
    }

    private void drawObject(byte[] pixels, double cx, double cy, double r, double angle) {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        int extent = (int) Math.ceil(r * 1.05) + 1;
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        for (int dy = -extent; dy <= extent; dy++) {
            int row = Math.floorMod(y0 + dy, height); // wrap around the edges
            for (int dx = -extent; dx <= extent; dx++) {
                double px = x0 + dx + 0.5 - cx;
                double py = y0 + dy + 0.5 - cy;
                double u = (px * cos + py * sin) / r;
                double v = (-px * sin + py * cos) / r;
                if (inside(u, v)) {
                    int[] c = v > 0 ? colour : secondColour;
                    int offset = (row * width + Math.floorMod(x0 + dx, width)) * 3;
                    pixels[offset] = (byte) c[0];
                    pixels[offset + 1] = (byte) c[1];
                    pixels[offset + 2] = (byte) c[2];
                }
            }
        }
    }

    private boolean inside(double u, double v) {
        double au = Math.abs(u);
        double av = Math.abs(v);
        return switch (shape) {
            case CIRCLE -> u * u + v * v <= 1;
            case SQUARE -> au <= 0.8 && av <= 0.8;
            case TRIANGLE -> v <= 0.5 && v + 1 >= au * 1.732;
            case CROSS -> (au <= 0.3 && av <= 1) || (av <= 0.3 && au <= 1);
            case DIAMOND -> au + av <= 1;
        };
    }

    /** A static textured background: flat, stripes, checker board or gradient around a base colour. */
    private byte[] texture(SplittableRandom random, int[] base) {
        int kind = random.nextInt(4);
        double amplitude = random.nextDouble(10, 45);
        double theta = random.nextDouble(Math.PI);
        double period = random.nextDouble(6, 24);
        double dirX = Math.cos(theta);
        double dirY = Math.sin(theta);
        double diagonal = Math.hypot(width, height);
        byte[] pixels = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double along = x * dirX + y * dirY;
                double across = -x * dirY + y * dirX;
                double f = switch (kind) {
                    case 0 -> 0;
                    case 1 -> Math.sin(TWO_PI * along / period);
                    case 2 -> Math.signum(Math.sin(TWO_PI * along / period) * Math.sin(TWO_PI * across / period));
                    default -> 2 * along / diagonal - 0.5;
                };
                int offset = (y * width + x) * 3;
                for (int c = 0; c < 3; c++) {
                    pixels[offset + c] = (byte) clamp(base[c] + amplitude * f);
                }
            }
        }
        return pixels;
    }

    private void addNoise(byte[] pixels, long seed) {
        if (noiseAmplitude < 0.5) {
            return;
        }
        // one xorshift64 step gives 8 random bytes; a table maps each byte to a noise value in [-a, a]
        long state = seed | 1;
        long bits = 0;
        for (int i = 0; i < pixels.length; i++) {
            if ((i & 7) == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                bits = state;
            }
            int value = (pixels[i] & 0xFF) + noiseTable[(int) (bits & 0xFF)];
            bits >>>= 8;
            pixels[i] = (byte) (value < 0 ? 0 : Math.min(value, 255));
        }
    }

    private static int[] randomColour(SplittableRandom random) {
        int[] c = new int[3];
        randomColourInto(random, c);
        return c;
    }

    private static void randomColourInto(SplittableRandom random, int[] c) {
        for (int i = 0; i < 3; i++) {
            c[i] = random.nextInt(256);
        }
    }

    private static double distance(int[] a, int[] b) {
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            sum += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
