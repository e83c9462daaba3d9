package io.github.gradcheck.junit;

import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.input.Domain;
import io.github.gradcheck.input.InputSpace;
import io.github.gradcheck.input.PointSource;
import io.github.gradcheck.subject.ForwardSubject;
import io.github.gradcheck.subject.HessianSubject;
import io.github.gradcheck.subject.Subject;
import java.util.HashSet;
import java.util.Set;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * What a {@link GradientCheck @GradientCheck} method declares: the subject, the domain of
 * each of its inputs (or another source of points), and optionally the engine's options.
 * The extension hands a fresh one to each invocation and runs its trials after the method
 * returns.
 *
 * <pre>{@code
 * @GradientCheck
 * void softmaxCrossEntropy(CheckSpec check) {
 *     check.subject(Sequential.of("softmax+xent", new Softmax(), new CrossEntropy(2)))
 *          .input("x", Domain.logUniform(1e-2, 10).vector(3));
 * }
 * }</pre>
 *
 * Inputs are declared in the order the subject expects them. With {@link #points} the
 * points come from that source; domains declared as well then only bound the shrinking of
 * those inputs (an input without a domain is not shrunk).
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class CheckSpec {

    private final String method;
    private final InputSpace.Builder inputs = InputSpace.builder();
    private boolean anyInput;
    private final Set<String> declaredInputs = new HashSet<>();
    private Subject subject;
    private DerivativeTarget derivative;
    private TangentTarget tangents;
    private PointSource points;
    private CheckOptions options;

    CheckSpec(String method) {
        this.method = method;
    }

    /**
     * The subject to check: a function, traced code, a graph of ops or a stack of layers.
     *
     * @param subject the subject; one per method
     * @return this spec
     * @throws ExtensionConfigurationException if {@code subject} is null or a subject was
     *         declared before; the test fails with a sentence naming the method
     */
    public CheckSpec subject(Subject subject) {
        if (subject == null) {
            throw misconfigured("passed null to check.subject(...); pass the subject to check");
        }
        requireNoSubjectYet(subject.name());
        this.subject = subject;
        return this;
    }

    /**
     * A subject that claims a Jacobian (or Jacobian–vector products) to check instead of a
     * backward: each point is checked with {@code GradCheck.checkForward}, and a failing point is
     * shrunk while the same entry stays wrong.
     *
     * @param subject the subject; one per method
     * @return this spec
     * @throws ExtensionConfigurationException if {@code subject} is null or a subject was
     *         declared before
     * @since 0.1.0
     */
    public CheckSpec subject(ForwardSubject subject) {
        if (subject == null) {
            throw misconfigured("passed null to check.subject(...); pass the subject to check");
        }
        requireNoSubjectYet(subject.name());
        this.derivative = new DerivativeTarget.Forward(subject);
        return this;
    }

    /**
     * A scalar function that claims a Hessian (or Hessian–vector products) to check: each point is
     * checked with {@code GradCheck.checkHessian} (the claimed gradient first), and a failing point
     * is shrunk while the same entry (or the gradient at the same node) stays wrong.
     *
     * @param subject the subject; one per method
     * @return this spec
     * @throws ExtensionConfigurationException if {@code subject} is null or a subject was
     *         declared before
     * @since 0.1.0
     */
    public CheckSpec subject(HessianSubject subject) {
        if (subject == null) {
            throw misconfigured("passed null to check.subject(...); pass the subject to check");
        }
        requireNoSubjectYet(subject.name());
        this.derivative = new DerivativeTarget.Hessian(subject);
        return this;
    }

    /**
     * A subject whose tangent rules (forward mode node by node) are checked instead of its backward:
     * a graph of ops ({@code Op.withTangent}) or layers ({@code Layer.withTangent}), a
     * {@code Sequential}, or traced code with tangent code. Each point is checked with {@code
     * GradCheck.checkTangents}, and a failing point is shrunk while the same node (and argument of
     * its rule) stays the first wrong one going forward, or the same rule disagrees with its backward.
     *
     * @param subject the subject; one per method
     * @return this spec
     * @throws ExtensionConfigurationException if {@code subject} is null or a subject was
     *         declared before
     * @since 0.1.0
     */
    public CheckSpec tangentsOf(Subject subject) {
        if (subject == null) {
            throw misconfigured("passed null to check.tangentsOf(...); pass the subject whose tangent rules to check");
        }
        requireNoSubjectYet(subject.name());
        this.tangents = new TangentTarget(subject);
        return this;
    }

    private void requireNoSubjectYet(String next) {
        String declared = subjectName();
        if (declared != null) {
            throw misconfigured("declared a subject twice ('" + declared + "' and '" + next
                    + "'); declare one subject per @GradientCheck method");
        }
    }

    /**
     * An input of the subject and the domain its values are drawn from, after the inputs
     * declared before (in the order the subject expects them).
     *
     * @param name the input's name, as the subject reads it
     * @param domain the domain its values are drawn from (and, with {@link #points}, the
     *        bounds its shrinking stays in)
     * @return this spec
     * @throws ExtensionConfigurationException if an argument is null or {@code name} was
     *         declared before
     */
    public CheckSpec input(String name, Domain domain) {
        if (name == null || domain == null) {
            throw misconfigured("passed null to check.input(" + name + ", " + domain + "); give an input name and a Domain");
        }
        if (!declaredInputs.add(name)) {
            throw misconfigured("declared input '" + name + "' twice; declare each input once with check.input(name, domain)");
        }
        inputs.input(name, domain);
        anyInput = true;
        return this;
    }

    /**
     * Takes the points from {@code source} instead of drawing them from the declared domains.
     * Draw {@code i} gets a generator seeded for it alone from the master seed, so the seed
     * reproduces the source's points if the source keeps {@link PointSource}'s promise.
     *
     * @param source where the points come from; one per method
     * @return this spec
     * @throws ExtensionConfigurationException if {@code source} is null or a source was
     *         declared before
     */
    public CheckSpec points(PointSource source) {
        if (source == null) {
            throw misconfigured("passed null to check.points(...); pass a PointSource");
        }
        if (this.points != null) {
            throw misconfigured("declared two point sources; declare one with check.points(...)");
        }
        this.points = source;
        return this;
    }

    /**
     * The engine's options (tolerance policy and whatever else it exposes), starting from
     * {@code CheckOptions.defaults()}. Their seed is replaced by each try's own seed, and
     * their cotangent mode by the {@code cotangents} setting when that is given; likewise the
     * safety factor and the time limit, when the annotation or the build gives them.
     *
     * @param options the options; a second call replaces the first
     * @return this spec
     * @throws ExtensionConfigurationException if {@code options} is null
     */
    public CheckSpec options(CheckOptions options) {
        if (options == null) {
            throw misconfigured("passed null to check.options(...); pass CheckOptions.defaults().with...(...)");
        }
        this.options = options;
        return this;
    }

    Subject subject() {
        return subject;
    }

    /** The subject when it claims a Jacobian or a Hessian; null otherwise. */
    DerivativeTarget derivative() {
        return derivative;
    }

    /** The declared subject's name, of either kind; null when none was declared. */
    String subjectName() {
        return subject != null ? subject.name() : derivative != null ? derivative.name()
                : tangents != null ? tangents.name() : null;
    }

    /** The subject when its tangent rules are checked; null otherwise. */
    TangentTarget tangents() {
        return tangents;
    }

    InputSpace space() {
        return inputs.build();
    }

    boolean hasInputs() {
        return anyInput || points != null;
    }

    PointSource source() {
        return points != null ? points : space();
    }

    CheckOptions baseOptions() {
        return options != null ? options : CheckOptions.defaults();
    }

    private ExtensionConfigurationException misconfigured(String problem) {
        return new ExtensionConfigurationException("Configuration error: @GradientCheck method " + method + " "
                + problem + ".");
    }

    /** {@return the method, the subject and the inputs or point source declared so far} */
    @Override
    public String toString() {
        return "CheckSpec[" + method + ": subject " + (subjectName() == null ? "none" : "'" + subjectName() + "'")
                + (points != null ? ", points from " + points : ", inputs " + inputs.build()) + "]";
    }
}
