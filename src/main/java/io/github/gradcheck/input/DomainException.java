package io.github.gradcheck.input;

import org.apiguardian.api.API;

/**
 * A domain that was declared wrongly or that cannot produce a value: bounds in the wrong
 * order or not finite, a kink distance that is not positive, kinks that cover the whole
 * range, an input given two domains. The message names the domain and says how to fix it.
 * Thrown by {@link Domain} and {@link InputSpace} only.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class DomainException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the domain and the fix. */
    DomainException(String message) {
        super(message);
    }
}
