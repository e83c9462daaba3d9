package io.github.gradcheck.internal.numeric;

import io.github.gradcheck.model.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The confirming measurement, made before an element is declared wrong: two Richardson ladders
 * whose steps are incommensurate with the first family's powers of two and with each other, each
 * extrapolated in a {@link Tableau} whose errors are floored at the measured noise, cross-checked
 * against each other.
 *
 * <p>The ladders start at {@code 2^e·√3/2} and {@code 2^e·2^(−3/4)}, {@code 2^e} the power of two
 * at most twice the given start (the scale a {@link FunctionScale} scan found: larger steps
 * resolve noisy functions better, and the tail test below rejects those that cross a feature),
 * and take {@value #LEVELS} steps, each {@code e^0.7 ≈ 2.014} times smaller than the one before:
 * a ladder that halves aliases with any period far below its steps (see {@link Incommensurate}). No step is a power of two times another family's step, so a function
 * periodic with a power-of-two period (cos(256·π·x), positional encodings sin(2^k·π·x)) cannot
 * repeat itself across a stencil; each step is the exact displacement {@code (x + h) − x}, and the
 * difference is divided by the displacements actually applied.
 *
 * <p>A ladder is extrapolated only over its asymptotic run: the longest run of consecutive levels
 * in which the changes of the central difference (the odd part of f about x) and of the second
 * divided difference (the even part) either shrink at least 2-fold per level with one sign
 * (4-fold expected) or are within the noise of those differences; at least {@value #TAIL} levels.
 * Above it the steps cross a feature, below it they drown in noise (an underestimated noise breaks
 * the law there, and only shortens the run). Steps that cross a pole, a bump or many periods follow no such law (or, across a pole,
 * a law in 1/h² that Richardson extrapolation would happily extrapolate to a confident wrong
 * value); a ladder without a tail gives no answer. Each entry's error is at least
 * {@code 6·σ/h} ({@link Tableau#FLOOR}), σ the larger of the measured noise and the type's
 * rounding {@code ε·F/2}, h its smallest step; the answer is the better ladder's entry, and its
 * error the largest of the two ladders' errors and their disagreement. Both ladders must answer:
 * one ladder is one family of steps, and confirms nothing on its own. Where the caller has a first
 * measurement of another family (powers of two) that the first ladder bears out, those are two
 * families, and the second ladder is not climbed.
 *
 * <p>Cost: {@code 2·2·}{@value #LEVELS} = 24 evaluations, none shared with the first family; 12
 * where the first ladder suffices.
 *
 * @since 0.1.0
 */
@API(status = API.Status.INTERNAL, since = "0.1.0")
public final class IncommensurateDifference {

    /** The steps of each ladder. */
    public static final int LEVELS = 6;

    /** The most extrapolations of one tableau entry. */
    static final int ORDER = 3;

    /**
     * The fewest levels in the asymptotic tail a ladder's answer is extrapolated over: four levels,
     * three changes, two of them tested against the previous one.
     */
    static final int TAIL = 4;

    /**
     * Per level (a step ratio of about 2), a change in the asymptotic range shrinks about 4-fold; at
     * least 2-fold is required.
     */
    static final double SHRINK = 0.5;

    /**
     * The confirming measurement.
     *
     * @param estimate the answer: the better ladder's value, with the larger of both ladders'
     *     errors and their disagreement
     * @param first the first ladder's own estimate (mantissa √3/2)
     * @param second the second ladder's own estimate (mantissa 2^(−3/4)); null where the first
     *     ladder agreed with the first family and the second was not climbed
     * @param evaluations the distinct evaluations asked for (the base point not counted)
     * @since 0.1.0
     */
    @API(status = API.Status.INTERNAL, since = "0.1.0")
    public record Confirmation(Estimate estimate, Estimate first, Estimate second, int evaluations) {
    }

    private IncommensurateDifference() {
    }

    /**
     * Measures cotangent {@code k} of the probe along two incommensurate ladders.
     *
     * @param probe the probed output
     * @param k the cotangent
     * @param x the probed coordinate's value (NaN when unknown, e.g. along a direction)
     * @param precision the precision of the perturbed value
     * @param start the largest step to use (the {@link FunctionScale.Scale#scale scale} of a scan;
     *     without one, the first family's largest start)
     * @param sigma the measured noise of the samples ({@link Noise#sigma}; 0 when none was measured)
     * @param epsilon the unit roundoff of the output's type
     * @return the confirmation
     */
    public static Confirmation confirm(Probe probe, int k, double x, Precision precision, double start, double sigma,
                                       double epsilon) {
        return confirm(probe, k, x, precision, start, sigma, epsilon, ladder -> false);
    }

    /**
     * As {@link #confirm(Probe, int, double, Precision, double, double, double)}, except that the
     * second ladder is not climbed where the first one answers and {@code agreesWithFirstFamily}
     * accepts its estimate: a first measurement of another family of steps (powers of two) that
     * agrees with an incommensurate ladder is what the second ladder would otherwise be, an
     * independent family bearing the value out. Where the first ladder disagrees with it (the first
     * family aliased, crossed a feature or drowned in noise), both ladders must answer, as ever.
     *
     * @param agreesWithFirstFamily whether a ladder's estimate agrees with the first family's
     * @return the confirmation; {@link Confirmation#second} is null where the first ladder sufficed
     */
    public static Confirmation confirm(Probe probe, int k, double x, Precision precision, double start, double sigma,
                                       double epsilon, Predicate<Estimate> agreesWithFirstFamily) {
        CountingProbe counted = new CountingProbe(probe);
        double top = StepSize.powerOfTwoAtMost(2 * start);
        Estimate first = ladder(counted, k, x, precision, top * Incommensurate.FIRST, sigma, epsilon);
        if (answered(first) && agreesWithFirstFamily.test(first)) {
            return new Confirmation(first, first, null, counted.evaluations());
        }
        Estimate second = ladder(counted, k, x, precision, top * Incommensurate.SECOND, sigma, epsilon);
        return new Confirmation(combine(first, second), first, second, counted.evaluations());
    }

    private static boolean answered(Estimate e) {
        return Double.isFinite(e.value()) && Double.isFinite(e.error());
    }

    private static Estimate ladder(Probe probe, int k, double x, Precision precision, double h0, double sigma,
                                   double epsilon) {
        double smallest = 8 * Incommensurate.ulp(x, precision);
        List<Stencil.Level> levels = new ArrayList<>();
        double h = h0;
        for (int j = 0; j < LEVELS; j++, h /= Incommensurate.LADDER_RATIO) {
            if (h < smallest) {
                break;
            }
            Stencil.Level level = Stencil.at(probe, k, x, precision, h, h0, sigma, epsilon);
            if (level == null) {
                if (levels.isEmpty()) {
                    continue;
                }
                break;
            }
            levels.add(level);
        }
        List<Stencil.Level> run = asymptoticRun(levels);
        if (run == null) {
            // every step crosses a feature, or aliases, or the ladder left the domain
            return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, h0);
        }
        Tableau tableau = new Tableau(ORDER);
        for (Stencil.Level level : run) {
            tableau.add(level.h(), level.odd(), level.sigma());
        }
        return tableau.best();
    }

    /**
     * The longest run of consecutive levels (the one with the smaller steps among equally long
     * runs) in which every change of the odd and of the even part keeps the asymptotic law
     * ({@link Stencil#keepsTheLaw}): the levels whose steps neither cross a feature of the function
     * (above the run) nor drown in its noise (below it). Null where no run has {@link #TAIL} levels.
     */
    private static List<Stencil.Level> asymptoticRun(List<Stencil.Level> levels) {
        int n = levels.size();
        int bestFrom = -1;
        int bestLength = 0;
        int from = 0;
        for (int end = 2; end <= n; end++) {
            // levels from..end−1 keep the law pairwise; extend to end if the next triple keeps it too
            int length = end - from;
            if (length >= TAIL && length >= bestLength) {
                bestFrom = from;
                bestLength = length;
            }
            if (end < n && !Stencil.keepsTheLaw(levels.get(end - 2), levels.get(end - 1), levels.get(end), SHRINK)) {
                from = end - 1;
            }
        }
        return bestFrom < 0 ? null : levels.subList(bestFrom, bestFrom + bestLength);
    }

    private static Estimate combine(Estimate first, Estimate second) {
        if (!answered(first) || !answered(second)) {
            // one ladder is one family of steps: it confirms nothing on its own
            return new Estimate(Double.NaN, Double.POSITIVE_INFINITY, Math.max(first.step(), second.step()));
        }
        Estimate best = first.error() <= second.error() ? first : second;
        double error = Math.max(Math.max(first.error(), second.error()), Math.abs(first.value() - second.value()));
        return new Estimate(best.value(), error, best.step());
    }
}
