package io.github.gradcheck.assertj;

import io.github.gradcheck.model.Gradients;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import java.util.concurrent.atomic.AtomicInteger;

/** Small subjects the assertion tests use besides the worked example. */
final class TestSubjects {

    /** The worked example's point. */
    static final Point POINT = Point.of("x", 3.0, "y", -4.0);

    private TestSubjects() {
    }

    /**
     * The identity, evaluated on a staircase of step 1/30000: its finite differences are too
     * noisy to confirm or refute the claimed gradient 1, so the check is inconclusive.
     */
    static Subject staircase() {
        return FunctionSubject.of("staircase", in -> Math.round(in.scalar("x") * 3e4) / 3e4,
                (in, out, g) -> g.asScalar());
    }

    /** f(x) = (x0·x1, x0 + x1) with the second row of the Jacobian wrong (d/dx1 claimed 2). */
    static Subject vectorWithWrongSecondRow() {
        return FunctionSubject.of("pair",
                in -> new double[] {in.vector("x")[0] * in.vector("x")[1], in.vector("x")[0] + in.vector("x")[1]},
                (in, out, g) -> {
                    double[] x = in.vector("x");
                    double[] u = g.asVector();
                    return new double[] {u[0] * x[1] + u[1], u[0] * x[0] + 2 * u[1]};
                });
    }

    /** A scalar function whose backward returns null: a problem with the subject, not a wrong gradient. */
    static Subject backwardReturningNull() {
        return FunctionSubject.of("returns null", in -> in.scalar("x") * in.scalar("x"), (in, out, g) -> null);
    }

    /** Wraps a subject and counts its forward passes. */
    static final class Counting implements Subject {
        final Subject inner;
        final AtomicInteger forwards = new AtomicInteger();

        Counting(Subject inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public Trace forward(Point point) {
            forwards.incrementAndGet();
            return inner.forward(point);
        }

        @Override
        public Gradients backward(Trace trace, Value cotangent) {
            return inner.backward(trace, cotangent);
        }

        @Override
        public Trace replay(Trace trace, String node, Value replacement) {
            return inner.replay(trace, node, replacement);
        }

        @Override
        public boolean knowsProducers() {
            return inner.knowsProducers();
        }
    }
}
