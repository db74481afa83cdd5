package org.vidssl.video.synth;

/**
 * The classes of the synthetic motion dataset, in the fixed order from which the first
 * {@link SyntheticSettings#classes()} are taken. Only the motion differs between classes.
 */
public enum MotionPattern {
    MOVE_RIGHT("MoveRight"),
    MOVE_LEFT("MoveLeft"),
    MOVE_UP("MoveUp"),
    MOVE_DOWN("MoveDown"),
    CIRCLE_CLOCKWISE("CircleClockwise"),
    CIRCLE_ANTICLOCKWISE("CircleAnticlockwise"),
    ZIG_ZAG("ZigZag"),
    ZOOM_IN("ZoomIn"),
    ZOOM_OUT("ZoomOut"),
    ROTATE_CLOCKWISE("RotateClockwise"),
    MOVE_UP_RIGHT("MoveUpRight"),
    MOVE_UP_LEFT("MoveUpLeft"),
    MOVE_DOWN_RIGHT("MoveDownRight"),
    MOVE_DOWN_LEFT("MoveDownLeft"),
    ROTATE_ANTICLOCKWISE("RotateAnticlockwise");

    private final String className;

    MotionPattern(String className) {
        this.className = className;
    }

    /** Class name as written in classInd.txt and the folder names (UCF101 style, CamelCase). */
    public String className() {
        return className;
    }
}
