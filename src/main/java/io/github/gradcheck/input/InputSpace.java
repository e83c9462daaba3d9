package io.github.gradcheck.input;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apiguardian.api.API;

/**
 * The domains of a subject's inputs, by name and in order: a {@link PointSource} that draws
 * each input from its {@link Domain}, and the bounds the {@link Shrinker} stays within.
 *
 * <pre>{@code
 * InputSpace space = InputSpace.builder()
 *         .input("x", Domain.uniform(-2, 2).vector(4))
 *         .input("label", Domain.integers(0, 2))
 *         .build();
 * Point p = space.point(0, new SplittableRandom(42));
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class InputSpace implements PointSource {

    private final Map<String, Domain> domains;

    private InputSpace(Map<String, Domain> domains) {
        this.domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** {@return a new, empty builder of an input space} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the domains by input name, in the order declared; unmodifiable} */
    public Map<String, Domain> domains() {
        return domains;
    }

    /**
     * The domain of an input.
     *
     * @param name the input's name
     * @return its domain; empty when the space has no input of that name
     */
    public Optional<Domain> domain(String name) {
        return Optional.ofNullable(domains.get(name));
    }

    /** {@return whether the space has no inputs} */
    public boolean isEmpty() {
        return domains.isEmpty();
    }

    /**
     * Draws every input, in order, from {@code random} alone; the inputs of
     * {@linkplain Domain#isConstant() constant} domains are constant inputs of the point.
     *
     * @param index the draw number; the point does not depend on it, only on {@code random}
     * @param random the generator to draw from
     * @return a point with one value per input, each inside its domain
     */
    @Override
    public Point point(int index, SplittableRandom random) {
        Point.Builder b = Point.builder();
        for (Map.Entry<String, Domain> e : domains.entrySet()) {
            Value v = e.getValue().draw(random);
            if (e.getValue().isConstant()) {
                b.constant(e.getKey(), v);
            } else {
                b.input(e.getKey(), v);
            }
        }
        return b.build();
    }

    /**
     * Which input of {@code point} first lies outside its domain, in the order declared.
     *
     * @param point a point to test; inputs it has without a domain here are not looked at
     * @return a sentence naming the first input that is missing or outside its domain, and the
     *         domain; empty when every input with a domain is present and inside it
     */
    public Optional<String> firstOutside(Point point) {
        for (Map.Entry<String, Domain> e : domains.entrySet()) {
            if (!point.has(e.getKey())) {
                return Optional.of("the point has no input '" + e.getKey() + "'");
            }
            Value v = point.get(e.getKey());
            if (!e.getValue().contains(v)) {
                return Optional.of("input '" + e.getKey() + "' = " + v + " is outside its domain " + e.getValue());
            }
        }
        return Optional.empty();
    }

    /** {@return the inputs and their domains, e.g. {@code x: uniform(-2.0, 2.0).vector(4), label: integers(0, 2)}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        domains.forEach((n, d) -> sb.append(sb.length() == 0 ? "" : ", ").append(n).append(": ").append(d));
        return sb.toString();
    }

    /**
     * Builds an {@link InputSpace}.
     *
     * @since 0.1.0
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
    public static final class Builder {
        private final Map<String, Domain> domains = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds an input after those added before.
         *
         * @param name the input's name, unique in the space
         * @param domain the domain its values are drawn from
         * @return this builder
         * @throws DomainException if an input of that name was added before
         * @throws NullPointerException if {@code name} or {@code domain} is null
         */
        public Builder input(String name, Domain domain) {
            Objects.requireNonNull(name, "an input of the input space needs a name, got null; e.g."
                    + " InputSpace.builder().input(\"x\", Domain.uniform(-1, 1))");
            Objects.requireNonNull(domain, () -> "input '" + name + "' of the input space needs a domain, got null; e.g."
                    + " .input(\"" + name + "\", Domain.uniform(-1, 1))");
            if (domains.containsKey(name)) {
                throw new DomainException("input '" + name + "' was given a domain twice (" + domains.get(name)
                        + " and " + domain + "); declare each input once");
            }
            domains.put(name, domain);
            return this;
        }

        /** {@return an input space of the inputs added so far; later additions do not change it} */
        public InputSpace build() {
            return new InputSpace(domains);
        }
    }
}
