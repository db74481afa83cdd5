package org.vidssl.torch.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.View;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.views.Views;

/** The classifier's input made from a clip batch, as the reference's {@code ft_classify.py} feeds its model. */
public final class ModalityInput {

    private ModalityInput() {}

    /**
     * The batch as the classifier of {@code modality} sees it, on {@code manager}'s device: the RGB clips, their
     * fine-tuning residual {@code x - roll(x,1,T)} (no rescaling), or a flow clip. The clips pass through slot 0 of
     * {@code staging}, so close the returned tensor before the next call.
     */
    public static NDArray of(View modality, NDManager manager, ClipBatch batch, StagingBuffers staging) {
        Shape shape = new Shape(batch.shape());
        return switch (modality) {
            case RGB -> staging.tensor(manager, 0, batch.data(), shape);
            case RES -> Views.residualFinetune(staging.tensor(manager, 0, batch.data(), shape));
            case U -> staging.tensor(manager, 0, requireFlow(batch.flowU(), "u"), shape);
            case V -> staging.tensor(manager, 0, requireFlow(batch.flowV(), "v"), shape);
        };
    }

    private static float[] requireFlow(float[] flow, String name) {
        if (flow == null) {
            throw new IllegalArgumentException("Modality '" + name + "' needs optical-flow frames, but the clip source "
                    + "gave none: add flow folders " + name + "/<video> or use modality res or rgb.");
        }
        return flow;
    }
}
