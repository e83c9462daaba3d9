package io.github.gradcheck.input;

import io.github.gradcheck.model.Point;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * Where the points to check come from: an {@link InputSpace} of domains, a fixed list, or
 * any other source, including the generators of a property-based testing library a project
 * already uses.
 *
 * <pre>{@code
 * PointSource fromList = PointSource.of(Point.of("x", 0.5), Point.of("x", -2.0));
 * PointSource custom = (index, random) -> Point.of("x", myGenerator.next(random.nextLong()));
 * }</pre>
 *
 * <p>Reproducibility is the source's promise: {@link #point} must depend only on its
 * arguments, and draw randomness only from {@code random}, which the caller seeds for that
 * draw alone (see {@link SeedSequence}). Then a printed seed reproduces every point.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface PointSource {

    /**
     * The point of draw number {@code index} (0-based).
     *
     * @param index the draw number, counting every draw, also ones that were inconclusive
     * @param random a generator seeded for this draw alone
     * @return the point, not null
     */
    Point point(int index, SplittableRandom random);

    /**
     * {@return how many points this source can give} Drawing stops after that many; draws
     * {@code 0} to {@code limit() - 1} are valid. Unlimited ({@link Long#MAX_VALUE}) by default.
     */
    default long limit() {
        return Long.MAX_VALUE;
    }

    /**
     * The given points in order, each once: draw {@code i} is {@code points[i]}, whatever the
     * generator.
     *
     * @param points the points, none null
     * @return a source whose {@link #limit()} is the number of points
     */
    static PointSource of(Point... points) {
        return of(List.of(points));
    }

    /**
     * The given points in order, each once: draw {@code i} is {@code points.get(i)}, whatever
     * the generator. The list is copied.
     *
     * @param points the points, none null
     * @return a source whose {@link #limit()} is the number of points
     */
    static PointSource of(List<Point> points) {
        List<Point> copy = List.copyOf(Objects.requireNonNull(points, "PointSource.of needs the points,"
                + " got null; e.g. PointSource.of(Point.of(\"x\", 0.5))"));
        return new PointSource() {
            @Override
            public Point point(int index, SplittableRandom random) {
                return copy.get(index);
            }

            @Override
            public long limit() {
                return copy.size();
            }

            @Override
            public String toString() {
                return copy.size() + " given points";
            }
        };
    }
}
