package io.github.gradcheck.model;

import org.apiguardian.api.API;

/**
 * SPI: the role of a node in a forward trace, which decides how the engine treats it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum NodeKind {
    /** A differentiable input of the subject. */
    INPUT,
    /** A constant input (an index, a label, a mask): never perturbed, no gradient expected. */
    CONSTANT,
    /** A parameter array owned by a layer, perturbed in place and restored exactly. */
    PARAMETER,
    /** A value computed by the forward pass. */
    INTERMEDIATE,
    /** The value the gradients are taken of. */
    OUTPUT;

    /** {@return whether gradcheck compares a claimed gradient for nodes of this kind: all but constants} */
    public boolean isChecked() {
        return this != CONSTANT;
    }
}
