package io.github.gradcheck.input;

import org.apiguardian.api.API;

/**
 * A domain that was declared wrongly or that cannot produce a value: bounds in the wrong
 * order or not finite, a kink distance that is not positive, kinks that cover the whole
 * range. The message names the domain and says how to fix it.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class DomainException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the domain and the fix. */
    public DomainException(String message) {
        super(message);
    }
}
