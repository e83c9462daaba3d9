package io.github.gradcheck.junit;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.check.JacobianReport;
import io.github.gradcheck.check.TangentReport;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.input.PointSource;
import io.github.gradcheck.input.SeedSequence;
import io.github.gradcheck.input.ShrinkResult;
import io.github.gradcheck.input.Shrinker;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.Subject;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The trials of one {@code @GradientCheck} invocation: draws its points, checks each with the
 * engine and, at the first failing try, shrinks the point. Holds no numerics: it translates
 * settings into engine options and verdicts into an {@link Outcome}. One instance per invocation.
 */
final class Trials {

    private final Settings settings;
    private final CheckSpec spec;
    private final Subject subject;
    /** The subject when it claims a Jacobian or a Hessian instead of a backward; null otherwise. */
    private final DerivativeTarget derivative;
    /** The subject when its tangent rules are checked instead of its backward; null otherwise. */
    private final TangentTarget tangents;
    private final SeedSequence seeds;
    private long forward;
    private long backward;
    private long nanos;

    Trials(Settings settings, CheckSpec spec) {
        this.settings = settings;
        this.spec = spec;
        this.subject = spec.subject();
        this.derivative = spec.derivative();
        this.tangents = spec.tangents();
        this.seeds = SeedSequence.of(settings.seed());
    }

    Outcome run() {
        long started = System.nanoTime();
        try {
            return draw();
        } finally {
            nanos = System.nanoTime() - started;
        }
    }

    /** {@return what the run spent}: over every check it made, shrinking included, and its wall time */
    Spent spent() {
        return new Spent(forward, backward, java.time.Duration.ofNanos(nanos));
    }

    /**
     * What a run of trials spent.
     *
     * @param forward forward evaluations (whole or partial, single-op ones included) over every check
     * @param backward backward (or claimed-derivative) evaluations over every check
     * @param wallTime how long the run took
     */
    record Spent(long forward, long backward, java.time.Duration wallTime) {
    }

    private GradientReport counted(GradientReport r) {
        forward += r.forwardEvaluations() + (long) r.localEvaluations();
        backward += r.backwardEvaluations();
        return r;
    }

    private JacobianReport counted(JacobianReport r) {
        forward += r.forwardEvaluations();
        backward += r.claimEvaluations();
        return r;
    }

    private TangentReport counted(TangentReport r) {
        forward += r.forwardEvaluations() + (long) r.localEvaluations();
        backward += r.ruleEvaluations();
        return r;
    }

    private Outcome draw() {
        PointSource source = spec.source();
        long maxDraws = Math.min(2L * settings.tries(), source.limit());
        int passed = 0;
        int inconclusive = 0;
        int draw = 0;
        while (passed < settings.tries() && draw < maxDraws) {
            Point point;
            try {
                point = Objects.requireNonNull(source.point(draw, seeds.pointRandom(draw)),
                        "the point source returned null");
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError error) {
                    throw error;
                }
                return new Outcome.Errored(passed, inconclusive, null, e, "the point source " + source
                        + " threw while drawing the point");
            }
            CheckOptions options = options(draw);
            Verdict v;
            try {
                if (tangents != null) {
                    TangentReport t = counted(tangents.check(new GradientChecker(options), point));
                    if (t.verdict() == Verdict.FAIL) {
                        return wrongTangents(passed, inconclusive, t, options);
                    }
                    v = t.verdict();
                } else if (derivative != null) {
                    JacobianReport matrix = counted(derivative.check(new GradientChecker(options), point));
                    if (matrix.verdict() == Verdict.FAIL) {
                        return wrongDerivative(passed, inconclusive, matrix, options);
                    }
                    v = matrix.verdict();
                } else {
                    GradientReport report = counted(new GradientChecker(options).check(subject, point));
                    if (report.verdict() == Verdict.FAIL) {
                        return wrongGradient(passed, inconclusive, report, options);
                    }
                    v = report.verdict();
                }
            } catch (CheckAbortedException e) {
                // a time limit, an interrupt or the budget: checking more points would only repeat it
                return new Outcome.SubjectThrew(passed, inconclusive, e, new ShrinkResult(point, point, 0, 0, false));
            } catch (SubjectException e) {
                return subjectThrew(passed, inconclusive, point, e, options);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError error) {
                    throw error;
                }
                return new Outcome.Errored(passed, inconclusive, point, e, "the check threw");
            }
            if (v == Verdict.INCONCLUSIVE) {
                inconclusive++;
            } else {
                passed++;
            }
            draw++;
        }
        return passed == 0 ? new Outcome.NoneConclusive(inconclusive) : new Outcome.Passed(passed, inconclusive);
    }

    private CheckOptions options(int draw) {
        CheckOptions o = spec.baseOptions().withSeed(seeds.checkSeed(draw));
        o = settings.cotangents().map(o::withCotangents).orElse(o);
        if (settings.safety().isPresent()) {
            o = o.withTolerance(o.tolerance().withSafety(settings.safety().getAsDouble()));
        }
        // a limit on the annotation or for the build wins over the spec's options, as documented
        if (settings.timeLimit().isPresent()) {
            o = o.withTimeLimit(settings.timeLimit().get());
        } else if (!o.hasTimeLimit()) {
            o = o.withTimeLimit(GradientCheck.DEFAULT_TIME_LIMIT);
        }
        return o;
    }

    /**
     * Shrinks a wrong gradient, keeping a simpler point only when its report keeps the first one's
     * {@link FailureSignature}: the same broken places with the same kinds of diagnosis, and
     * nothing newly measured 0, unused or inconclusive anywhere.
     */
    private Outcome wrongGradient(int passed, int inconclusive, GradientReport first, CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        Kept<GradientReport> kept = shrinkKeeping(first.point(), first, candidate -> counted(checker.check(subject,
                candidate)), GradientReport::verdict, FailureSignature::of);
        return new Outcome.WrongGradient(passed, inconclusive, first, kept.latest(), kept.shrink(), kept.refused());
    }

    private Outcome wrongDerivative(int passed, int inconclusive, JacobianReport first, CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        Kept<JacobianReport> kept = shrinkKeeping(first.point(), first, candidate -> counted(derivative.check(checker,
                candidate)), JacobianReport::verdict, FailureSignature::of);
        return new Outcome.WrongDerivative(passed, inconclusive, first, kept.latest(), kept.shrink(), kept.refused());
    }

    /** A shrunk failure: the shrinking, the report at the shrunk point, and what shrinking refused. */
    private record Kept<R>(ShrinkResult shrink, R latest, Optional<String> refused) {
    }

    /**
     * Shrinks from {@code start}, keeping a simpler point only where its report fails with the first
     * report's {@link FailureSignature} (a point where the check throws is not simpler).
     */
    private <R> Kept<R> shrinkKeeping(Point start, R first, Function<Point, R> check, Function<R, Verdict> verdict,
                                      Function<R, FailureSignature> signatureOf) {
        FailureSignature signature = signatureOf.apply(first);
        AtomicReference<R> latest = new AtomicReference<>(first);
        Refusals refusals = new Refusals();
        ShrinkResult shrunk = shrinker().shrink(start, candidate -> {
            R r;
            try {
                r = check.apply(candidate);
            } catch (RuntimeException e) {
                return false;
            }
            if (verdict.apply(r) != Verdict.FAIL) {
                return false;
            }
            Optional<String> lost = signatureOf.apply(r).lost(signature);
            lost.ifPresent(refusals::add);
            if (lost.isEmpty()) {
                latest.set(r);
            }
            return lost.isEmpty();
        });
        return new Kept<>(shrunk, latest.get(), refusals.summary());
    }

    /** The simpler failing points shrinking refused because they hid the failure: how many, and the first reason. */
    private static final class Refusals {
        private int count;
        private String first;

        void add(String why) {
            if (count++ == 0) {
                first = why;
            }
        }

        Optional<String> summary() {
            return count == 0 ? Optional.empty() : Optional.of(count + (count == 1 ? " simpler failing point"
                    : " simpler failing points") + " refused because " + (count == 1 ? "it" : "they")
                    + " showed the failure less clearly or another one (the first: " + first + ")");
        }
    }

    private Outcome wrongTangents(int passed, int inconclusive, TangentReport first, CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        String failure = TangentTarget.failure(first);
        TangentReport[] latest = {first};
        ShrinkResult shrunk = shrinker().shrink(first.point(), candidate -> {
            TangentReport r;
            try {
                r = counted(tangents.check(checker, candidate));
            } catch (RuntimeException e) {
                return false;
            }
            boolean same = r.verdict() == Verdict.FAIL && TangentTarget.failure(r).equals(failure);
            if (same) {
                latest[0] = r;
            }
            return same;
        });
        return new Outcome.WrongTangents(passed, inconclusive, first, latest[0], shrunk);
    }

    private Outcome subjectThrew(int passed, int inconclusive, Point point, SubjectException first,
                                 CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        SubjectException[] latest = {first};
        ShrinkResult shrunk = shrinker().shrink(point, candidate -> {
            try {
                if (tangents != null) {
                    counted(tangents.check(checker, candidate));
                } else if (derivative != null) {
                    counted(derivative.check(checker, candidate));
                } else {
                    counted(checker.check(subject, candidate));
                }
                return false;
            } catch (SubjectException e) {
                boolean same = sameProblem(first, e);
                if (same) {
                    latest[0] = e;
                }
                return same;
            } catch (RuntimeException e) {
                return false;
            }
        });
        return new Outcome.SubjectThrew(passed, inconclusive, latest[0], shrunk);
    }

    private static boolean sameProblem(SubjectException a, SubjectException b) {
        Class<?> causeA = a.getCause() == null ? null : a.getCause().getClass();
        Class<?> causeB = b.getCause() == null ? null : b.getCause().getClass();
        return a.subject().equals(b.subject()) && a.node().equals(b.node()) && Objects.equals(causeA, causeB);
    }

    private Shrinker shrinker() {
        return Shrinker.within(spec.space()).maxEvaluations(settings.shrinkEvaluations());
    }

    /**
     * How a run of trials ended: one record per way, each with only its own fields. Every
     * outcome counts the points that passed and the inconclusive ones drawn before it ended.
     */
    sealed interface Outcome permits Outcome.Passed, Outcome.NoneConclusive, Outcome.Failure {

        /** The number of conclusive points that passed. */
        int passed();

        /** The number of inconclusive points, each redrawn. */
        int inconclusive();

        /** The number of points drawn before the run ended (a failing point not counted). */
        default int draws() {
            return passed() + inconclusive();
        }

        /** Every try was checked and passed; {@code passed} is positive. */
        record Passed(int passed, int inconclusive) implements Outcome {
        }

        /** Every point drawn was inconclusive, so nothing was checked. */
        record NoneConclusive(int inconclusive) implements Outcome {
            @Override
            public int passed() {
                return 0;
            }
        }

        /** A try failed; the test fails. */
        sealed interface Failure extends Outcome permits ShrunkFailure, Errored {

            /** The 1-based number of the try that failed (counting inconclusive draws). */
            default int tryNumber() {
                return draws() + 1;
            }

            /** The failing point as first found; empty when none was drawn. */
            Optional<Point> firstPoint();

            /** The exception behind the failure; empty for wrong gradients. */
            Optional<Throwable> cause();
        }

        /** A failure that shrinking kept while it persisted in the same way. */
        sealed interface ShrunkFailure extends Failure permits WrongGradient, WrongDerivative, WrongTangents,
                SubjectThrew {

            /** The shrinking, from the point as first found to the simplest that still fails. */
            ShrinkResult shrink();

            @Override
            default Optional<Point> firstPoint() {
                return Optional.of(shrink().original());
            }
        }

        /**
         * The claimed gradients are wrong: the reports at the point as first found and as shrunk;
         * {@code refused} says which simpler failing points shrinking refused because they hid the bug.
         */
        record WrongGradient(int passed, int inconclusive, GradientReport firstReport, GradientReport shrunkReport,
                             ShrinkResult shrink, Optional<String> refused) implements ShrunkFailure {
            @Override
            public Optional<Throwable> cause() {
                return Optional.empty();
            }
        }

        /**
         * The claimed Jacobian or Hessian is wrong: the reports at the point as first found and as
         * shrunk; {@code refused} as for {@link WrongGradient}.
         */
        record WrongDerivative(int passed, int inconclusive, JacobianReport firstReport, JacobianReport shrunkReport,
                               ShrinkResult shrink, Optional<String> refused) implements ShrunkFailure {
            @Override
            public Optional<Throwable> cause() {
                return Optional.empty();
            }
        }

        /** The claimed tangents are wrong: the reports at the point as first found and as shrunk. */
        record WrongTangents(int passed, int inconclusive, TangentReport firstReport, TangentReport shrunkReport,
                             ShrinkResult shrink) implements ShrunkFailure {
            @Override
            public Optional<Throwable> cause() {
                return Optional.empty();
            }
        }

        /**
         * The subject's code threw, or the check was stopped (a {@code CheckAbortedException},
         * then not shrunk); {@code exception} is the one at the simplest point.
         */
        record SubjectThrew(int passed, int inconclusive, SubjectException exception, ShrinkResult shrink)
                implements ShrunkFailure {
            @Override
            public Optional<Throwable> cause() {
                return Optional.of(exception);
            }
        }

        /**
         * Something other than the subject threw: the point source, or the engine itself.
         *
         * @param point the point being checked, or null when the point source threw
         * @param context what was being done, e.g. "the check threw"
         */
        record Errored(int passed, int inconclusive, Point point, Throwable exception, String context)
                implements Failure {
            @Override
            public Optional<Point> firstPoint() {
                return Optional.ofNullable(point);
            }

            @Override
            public Optional<Throwable> cause() {
                return Optional.of(exception);
            }
        }
    }
}
