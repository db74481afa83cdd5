package org.vidssl.core.settings;

/**
 * The 3D CNN backbones, by the names the reference scripts use on their command line. The network of each entry is
 * built by {@code org.vidssl.torch.backbone.Backbones.create}, whose switch over this enum has no default branch:
 * a new entry does not compile until it names its network class there.
 */
public enum Backbone implements Choice {
    C3D("c3d", "C3D", "C3D with batch normalisation: five 3D convolution stages."),
    R3D("r3d", "R3D", "3D ResNet with one block per stage (the paper's main backbone)."),
    R21D("r21d", "R(2+1)D", "R3D with each 3D convolution factored into spatial and temporal parts."),
    R3D18("r3d18", "Res18-3D", "3D ResNet-18: two blocks per stage.");

    /** The ids, for the command line's {@code completionCandidates}. */
    public static final class Ids extends ChoiceIds<Backbone> {
        public Ids() {
            super(Backbone.class);
        }
    }

    private final Choice.Text text;

    Backbone(String id, String label, String description) {
        text = new Choice.Text(id, label, description);
    }

    @Override
    public Choice.Text text() {
        return text;
    }

    /** The backbone named {@code text} (its id or constant name, any case); the error lists the ids. */
    public static Backbone parse(String text) {
        return Choices.parse(Backbone.class, "backbone", text);
    }

    /** The id, as model files and checkpoint keys write it. */
    @Override
    public String toString() {
        return id();
    }
}
