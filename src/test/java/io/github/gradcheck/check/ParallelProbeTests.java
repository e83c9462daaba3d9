package io.github.gradcheck.check;

import io.github.gradcheck.GradientChecker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.Layer;
import io.github.gradcheck.subject.Sequential;
import io.github.gradcheck.subject.Subject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Independent probes on several threads: only when safe, and with exactly the sequential result. */
class ParallelProbeTests {

    private static void assertSameMeasurements(GradientReport parallel, GradientReport sequential) {
        assertThat(parallel.nodes()).isEqualTo(sequential.nodes());
        assertThat(parallel.blame()).isEqualTo(sequential.blame());
        assertThat(parallel.forwardEvaluations()).isEqualTo(sequential.forwardEvaluations());
        assertThat(parallel.backwardEvaluations()).isEqualTo(sequential.backwardEvaluations());
        assertThat(parallel.localEvaluations()).isEqualTo(sequential.localEvaluations());
        assertThat(parallel.notes()).isEqualTo(sequential.notes());
        assertThat(parallel.mode()).isEqualTo(sequential.mode());
        // the whole report, but for the options that asked for threads and the wall time
        assertThat(new GradientReport(parallel.subject(), parallel.point(), sequential.options(), parallel.nodes(),
                parallel.blame(), parallel.forwardEvaluations(), parallel.localEvaluations(),
                parallel.backwardEvaluations(), parallel.replayScope(), parallel.notes(), parallel.mode(),
                sequential.wallTime())).isEqualTo(sequential);
    }

    @Test
    void aPureSubjectGivesTheSameReportOnFourThreadsInEveryMode() {
        CostSubjects f = new CostSubjects(3000, 1);
        Point p = CostSubjects.point(3000, 2);
        for (CheckMode mode : CheckMode.values()) {
            for (int bad : new int[] {-1, 1234}) {
                Subject s = f.subject(bad, 1e-4).pure();
                CheckOptions options = CheckOptions.defaults().withMode(mode);
                GradientReport sequential = new GradientChecker(options).check(s, p);
                GradientReport parallel = new GradientChecker(options.withParallelism(4)).check(s, p);
                assertSameMeasurements(parallel, sequential);
            }
        }
    }

    @Test
    void copiesOfAStatefulNetworkGiveTheSameReportAsTheNetworkAlone() {
        for (Networks.Bug bug : List.of(Networks.Bug.NONE, Networks.Bug.DENSE_MISSING_TRANSPOSE,
                Networks.Bug.SOFTMAX_CE_MISSING_ONE_HOT)) {
            Subject net = Networks.network(bug, 3, 1);
            CheckOptions options = CheckOptions.defaults();
            GradientReport sequential = new GradientChecker(options).check(net, Networks.POINT);
            GradientReport parallel = new GradientChecker(options.withParallelism(3)
                    .withSubjectCopies(() -> Networks.network(bug, 3, 1))).check(Networks.network(bug, 3, 1),
                    Networks.POINT);
            assertSameMeasurements(parallel, sequential);
        }
    }

    /** A layer that notes every thread its forward runs on. */
    static final class ThreadNoting implements Layer<double[], Double> {
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        double[] x;

        @Override
        public Double forward(double[] input) {
            threads.add(Thread.currentThread().getName());
            x = input.clone();
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        }

        @Override
        public double[] backward(Double g) {
            double[] d = new double[x.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = 2 * x[i] * g;
            }
            return d;
        }
    }

    @Test
    void aStatefulSubjectWithoutCopiesIsMeasuredInOneThreadWhateverTheParallelism() {
        ThreadNoting layer = new ThreadNoting();
        Subject s = Sequential.of("noting", List.of(layer));
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(4));
        assertThat(checker.check(s, Point.of("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8})).passed()).isTrue();
        assertThat(layer.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void aSupplierThatReturnsTheSubjectItselfIsRejected() {
        Subject net = Networks.network(Networks.Bug.NONE, 3, 1);
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(2)
                .withSubjectCopies(() -> net));
        assertThatThrownBy(() -> checker.check(net, Networks.POINT)).isInstanceOf(SubjectException.class)
                .hasMessageContaining("returned the checked subject itself")
                .hasMessageContaining("new, independent copy on every call");
    }

    @Test
    void aCopyInAnotherStateIsRejectedNamingTheNode() {
        GradientChecker checker = new GradientChecker(CheckOptions.defaults().withParallelism(2)
                .withSubjectCopies(() -> Networks.network(Networks.Bug.NONE, 4, 1)));
        assertThatThrownBy(() -> checker.check(Networks.network(Networks.Bug.NONE, 3, 1), Networks.POINT))
                .isInstanceOf(SubjectException.class)
                .hasMessageContaining("a copy made by CheckOptions.withSubjectCopies computed")
                .hasMessageContaining("same state as the subject");
    }

    @Test
    void parallelismBelowOneIsRefused() {
        assertThatThrownBy(() -> CheckOptions.defaults().withParallelism(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
    }
}
