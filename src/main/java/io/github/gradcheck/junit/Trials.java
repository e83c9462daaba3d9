package io.github.gradcheck.junit;

import io.github.gradcheck.check.CheckAbortedException;
import io.github.gradcheck.check.CheckOptions;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.check.GradientReport;
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

/**
 * Draws the points of one {@code @GradientCheck} invocation, checks each with the engine and,
 * at the first failure, shrinks it. Holds no numerics: it translates settings into engine
 * options and verdicts into an {@link Outcome}. One instance per invocation.
 */
final class Trials {

    private final Settings settings;
    private final CheckSpec spec;
    private final Subject subject;
    private final SeedSequence seeds;

    Trials(Settings settings, CheckSpec spec) {
        this.settings = settings;
        this.spec = spec;
        this.subject = spec.subject();
        this.seeds = SeedSequence.of(settings.seed());
    }

    Outcome run() {
        PointSource source = spec.source();
        long maxDraws = Math.min(2L * settings.tries(), source.limit());
        int conclusive = 0;
        int inconclusive = 0;
        int draw = 0;
        while (conclusive < settings.tries() && draw < maxDraws) {
            Point point;
            try {
                point = Objects.requireNonNull(source.point(draw, seeds.pointRandom(draw)),
                        "the point source returned null");
            } catch (RuntimeException e) {
                return Outcome.error(draw, conclusive, inconclusive, null, e, "the point source " + source
                        + " threw while drawing the point");
            }
            CheckOptions options = options(draw);
            GradientReport report;
            try {
                report = new GradientChecker(options).check(subject, point);
            } catch (CheckAbortedException e) {
                // a time limit, an interrupt or the budget: checking more points would only repeat it
                return Outcome.thrown(draw, conclusive, inconclusive, e, new ShrinkResult(point, point, 0, 0, false));
            } catch (SubjectException e) {
                return subjectFailure(draw, conclusive, inconclusive, point, e, options);
            } catch (RuntimeException e) {
                return Outcome.error(draw, conclusive, inconclusive, point, e, "the check threw");
            }
            Verdict v = report.verdict();
            if (v == Verdict.FAIL) {
                return wrongGradient(draw, conclusive, inconclusive, report, options);
            }
            if (v == Verdict.INCONCLUSIVE) {
                inconclusive++;
            } else {
                conclusive++;
            }
            draw++;
        }
        return Outcome.passed(draw, conclusive, inconclusive);
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

    private Outcome wrongGradient(int draw, int passed, int inconclusive, GradientReport first, CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        Optional<String> origin = first.blame().origin();
        GradientReport[] latest = {first};
        ShrinkResult shrunk = shrinker().shrink(first.point(), candidate -> {
            GradientReport r;
            try {
                r = checker.check(subject, candidate);
            } catch (RuntimeException e) {
                return false;
            }
            boolean same = r.verdict() == Verdict.FAIL && r.blame().origin().equals(origin);
            if (same) {
                latest[0] = r;
            }
            return same;
        });
        return Outcome.wrong(draw, passed, inconclusive, first, latest[0], shrunk);
    }

    private Outcome subjectFailure(int draw, int passed, int inconclusive, Point point, SubjectException first,
                                   CheckOptions options) {
        GradientChecker checker = new GradientChecker(options);
        SubjectException[] latest = {first};
        ShrinkResult shrunk = shrinker().shrink(point, candidate -> {
            try {
                checker.check(subject, candidate);
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
        return Outcome.thrown(draw, passed, inconclusive, latest[0], shrunk);
    }

    private static boolean sameProblem(SubjectException a, SubjectException b) {
        Class<?> causeA = a.getCause() == null ? null : a.getCause().getClass();
        Class<?> causeB = b.getCause() == null ? null : b.getCause().getClass();
        return a.subject().equals(b.subject()) && a.node().equals(b.node()) && Objects.equals(causeA, causeB);
    }

    private Shrinker shrinker() {
        return Shrinker.within(spec.space()).maxEvaluations(settings.shrinkEvaluations());
    }

    /** What happened; at most one of the failure fields is set. */
    record Outcome(Kind kind, int draws, int passed, int inconclusive, GradientReport firstReport,
                   GradientReport shrunkReport, ShrinkResult shrink, Throwable error, String errorContext,
                   Point errorPoint) {

        enum Kind { PASSED, WRONG_GRADIENT, SUBJECT_THREW, ERROR }

        static Outcome passed(int draws, int passed, int inconclusive) {
            return new Outcome(Kind.PASSED, draws, passed, inconclusive, null, null, null, null, null, null);
        }

        static Outcome wrong(int draw, int passed, int inconclusive, GradientReport first, GradientReport shrunk,
                             ShrinkResult shrink) {
            return new Outcome(Kind.WRONG_GRADIENT, draw, passed, inconclusive, first, shrunk, shrink, null, null,
                    first.point());
        }

        static Outcome thrown(int draw, int passed, int inconclusive, SubjectException e, ShrinkResult shrink) {
            return new Outcome(Kind.SUBJECT_THREW, draw, passed, inconclusive, null, null, shrink, e, null,
                    shrink.original());
        }

        static Outcome error(int draw, int passed, int inconclusive, Point point, Throwable e, String context) {
            return new Outcome(Kind.ERROR, draw, passed, inconclusive, null, null, null, e, context, point);
        }

        /** The 1-based number of the try that failed (counting inconclusive draws). */
        int tryNumber() {
            return draws + 1;
        }
    }
}
