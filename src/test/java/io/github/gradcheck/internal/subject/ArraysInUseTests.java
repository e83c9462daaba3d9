package io.github.gradcheck.internal.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Turns on shared arrays: a call waits while another thread runs a call on one of its arrays, and
 * says so; an array pinned to a thread whose call has ended is taken over at once; idle pins are
 * bounded and let go when a check ends.
 */
class ArraysInUseTests {

    private final double[] shared = {1, 2, 3};

    @AfterEach
    void letGo() {
        ArraysInUse.releaseIdle();
        ArraysInUse.meetings();
    }

    @Test
    void aCallWaitsWhileAnotherThreadRunsACallOnTheSameArrayAndNamesBothSubjects() throws Exception {
        ArraysInUse.Resources first = ArraysInUse.Resources.of("first",
                Map.of(shared, "the array of parameter 'a.W'"));
        ArraysInUse.Resources second = ArraysInUse.Resources.of("second",
                Map.of(shared, "the array of parameter 'b.W'"));
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (ArraysInUse.Turn turn = ArraysInUse.take(first)) {
                taken.countDown();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "holder");
        holder.start();
        assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicReference<List<String>> met = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try (ArraysInUse.Turn turn = ArraysInUse.take(second)) {
                met.set(ArraysInUse.meetings());
            }
        }, "waiter");
        waiter.start();
        for (int i = 0; i < 3000 && waiter.getState() != Thread.State.WAITING; i++) {
            Thread.sleep(10);
        }
        assertThat(waiter.getState()).as("the second call while the first runs").isEqualTo(Thread.State.WAITING);
        assertThat(met.get()).isNull();
        release.countDown();
        waiter.join(30_000);
        holder.join(30_000);
        assertThat(met.get()).singleElement().asString()
                .startsWith("The array of parameter 'b.W' is also the array of parameter 'a.W' of subject 'first',"
                        + " checked at the same time on thread \"holder\"");
    }

    @Test
    void anArrayPinnedToAThreadWhoseCallHasEndedIsTakenOverWithoutWaiting() throws Exception {
        ArraysInUse.Resources first = ArraysInUse.Resources.of("first", Map.of(shared, "a.W"));
        ArraysInUse.Resources second = ArraysInUse.Resources.of("second", Map.of(shared, "b.W"));
        CompletableFuture.runAsync(() -> {
            try (ArraysInUse.Turn turn = ArraysInUse.take(first)) {
                shared[0] = 1; // a call's work
            }
        }).get(30, TimeUnit.SECONDS);
        try (ArraysInUse.Turn turn = ArraysInUse.take(second)) {
            assertThat(ArraysInUse.meetings()).isEmpty();
        }
        // and back: the first subject's pin was let go, it pins again
        CompletableFuture.runAsync(() -> {
            try (ArraysInUse.Turn turn = ArraysInUse.take(first)) {
                assertThat(ArraysInUse.meetings()).isEmpty();
            }
        }).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aThreadTakesItsOwnTurnAgainInANestedCallAndOtherThreadsWaitForTheOuterOneToEnd() throws Exception {
        ArraysInUse.Resources r = ArraysInUse.Resources.of("nested", Map.of(shared, "x.W"));
        CompletableFuture<Void> other;
        try (ArraysInUse.Turn outer = ArraysInUse.take(r)) {
            try (ArraysInUse.Turn inner = ArraysInUse.take(r)) {
                assertThat(ArraysInUse.meetings()).isEmpty();
            }
            other = CompletableFuture.runAsync(() -> {
                ArraysInUse.Resources another = ArraysInUse.Resources.of("other", Map.of(shared, "y.W"));
                try (ArraysInUse.Turn turn = ArraysInUse.take(another)) {
                    assertThat(ArraysInUse.meetings()).hasSize(1);
                }
            });
            Thread.sleep(50); // give the other thread the chance to (wrongly) get in while the outer call runs
            assertThat(other).isNotDone();
        }
        other.get(30, TimeUnit.SECONDS);
    }

    @Test
    void idlePinsAreBoundedAndLetGoWhenACheckEnds() {
        List<double[]> arrays = new ArrayList<>();
        for (int i = 0; i < ArraysInUse.IDLE_PINS + 3; i++) {
            double[] a = new double[1];
            arrays.add(a);
            try (ArraysInUse.Turn turn = ArraysInUse.take(ArraysInUse.Resources.of("s" + i, Map.of(a, "a" + i)))) {
                assertThat(ArraysInUse.pinned()).isPositive();
            }
        }
        assertThat(ArraysInUse.pinned()).isLessThanOrEqualTo(ArraysInUse.IDLE_PINS);
        ArraysInUse.releaseIdle();
        assertThat(ArraysInUse.pinned()).isZero();
        assertThat(arrays).hasSize(ArraysInUse.IDLE_PINS + 3);
    }
}
