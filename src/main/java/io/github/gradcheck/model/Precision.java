package io.github.gradcheck.model;

import org.apiguardian.api.API;

/**
 * The floating-point precision a value is computed in.
 *
 * <p>The precision decides the unit roundoff used for finite-difference steps and
 * rounding levels, and which Java array type a value is handed to user code as
 * ({@code double[]} or {@code float[]}).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public enum Precision {
    /** IEEE 754 binary64, unit roundoff 2<sup>-52</sup>. */
    DOUBLE(Math.ulp(1.0)),
    /** IEEE 754 binary32, unit roundoff 2<sup>-23</sup>. */
    FLOAT(Math.ulp(1.0f));

    private final double epsilon;

    Precision(double epsilon) {
        this.epsilon = epsilon;
    }

    /** {@return the machine epsilon: the distance from 1.0 to the next larger representable value} */
    public double epsilon() {
        return epsilon;
    }

    /**
     * {@return {@code x} rounded to the nearest number of this precision}
     *
     * @param x a double
     */
    public double round(double x) {
        return this == FLOAT ? (double) (float) x : x;
    }
}
