package io.github.gradcheck.internal.numeric;

import org.apiguardian.api.API;

/**
 * A function of one real variable, probed at displacements from a base point: what the
 * difference schemes of this package sample. An offset of 0 is the unperturbed point.
 *
 * <p>Implementations should cache: the schemes here ask for the same power-of-two offsets
 * more than once (the screen's steps are among the robust estimate's), and count on a repeated
 * offset costing nothing.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
@FunctionalInterface
public interface Probe {

    /** The function at base + {@code offset} (rounded to the base value's precision). */
    Sample at(double offset);
}
