package io.github.gradcheck.assertj;

import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * Soft assertions on gradients: every failed assertion is collected, and {@link #assertAll()}
 * reports them together, each with its per-node report.
 *
 * <pre>{@code
 * GradientSoftAssertions softly = new GradientSoftAssertions();
 * softly.assertThat(WorkedExample.traced(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 * softly.assertThat(WorkedExample.function(true)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 * softly.assertAll(); // fails, reporting both broken subjects
 *
 * // or, calling assertAll() for you:
 * GradientSoftAssertions.assertSoftly(s -> {
 *     s.assertThat(WorkedExample.traced(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 *     s.assertThat(WorkedExample.graph(false)).at("x", 3.0, "y", -4.0).hasCorrectGradients();
 * });
 * }</pre>
 *
 * It also works with AssertJ's JUnit 5 {@code SoftAssertionsExtension}
 * ({@code @InjectSoftAssertions GradientSoftAssertions softly}). To have AssertJ's standard
 * soft assertions in the same object, implement {@link GradientSoftAssertionsProvider} in a
 * subclass of AssertJ's {@code SoftAssertions}.
 *
 * <p>A {@link io.github.gradcheck.model.SubjectException} (the subject's code failed) is not an
 * assertion failure and is not collected: it propagates at once.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public class GradientSoftAssertions extends AbstractSoftAssertions implements GradientSoftAssertionsProvider {

    /** Soft assertions with nothing collected yet. */
    public GradientSoftAssertions() {
    }

    /**
     * Runs {@code softly} with fresh soft assertions, then {@link #assertAll()}.
     *
     * @param softly the soft assertions to make
     */
    public static void assertSoftly(Consumer<GradientSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(GradientSoftAssertions.class, softly);
    }
}
