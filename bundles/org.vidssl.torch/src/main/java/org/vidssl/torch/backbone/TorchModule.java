package org.vidssl.torch.backbone;

import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A block whose children carry the attribute names of the reference PyTorch module, so that parameter
 * names map one to one onto the reference state_dict keys ({@code conv2.block1.conv1.temporal_spatial_conv.weight}).
 */
abstract class TorchModule extends AbstractBlock {

    private final Map<String, Block> modules = new LinkedHashMap<>();

    /** Registers a child under its PyTorch attribute name (may contain dots, e.g. {@code blocks.0}). */
    protected final <B extends Block> B module(String torchName, B block) {
        modules.put(torchName, block);
        return addChildBlock(torchName.replace('.', '_'), block);
    }

    /** Children in registration order (= the reference's state_dict order), by PyTorch name. */
    final Map<String, Block> modules() {
        return Collections.unmodifiableMap(modules);
    }

    /** Adds this module's parameters, named like the reference state_dict, to {@code out}. */
    final void collectTorchParameters(String prefix, Map<String, Parameter> out) {
        for (Map.Entry<String, Block> e : modules.entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof TorchModule m) {
                m.collectTorchParameters(name + ".", out);
            } else {
                for (Parameter p : e.getValue().getDirectParameters().values()) {
                    out.put(name + "." + torchSuffix(p), p);
                }
            }
        }
    }

    /** DJL's parameter roles in PyTorch's words (BatchNorm gamma/beta are weight/bias there). */
    private static String torchSuffix(Parameter p) {
        return switch (p.getType()) {
            case WEIGHT, GAMMA -> "weight";
            case BIAS, BETA -> "bias";
            case RUNNING_MEAN -> "running_mean";
            case RUNNING_VAR -> "running_var";
            default -> p.getName();
        };
    }
}
