package io.github.gradcheck.diagnosis;

import io.github.gradcheck.check.ElementComparison;
import io.github.gradcheck.check.Factor;
import io.github.gradcheck.check.Finding;
import io.github.gradcheck.check.Verdict;
import io.github.gradcheck.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compared elements of one node or edge, with the lookups the patterns need: by element
 * and cotangent, the failed ones, and which of them are measurably non-zero.
 */
final class ComparedElements {

    private final String name;
    private final Shape shape;
    private final List<ElementComparison> elements;
    private final Map<Long, ElementComparison> byKey = new LinkedHashMap<>();

    ComparedElements(String name, Shape shape, List<ElementComparison> elements) {
        this.name = name;
        this.shape = shape;
        this.elements = List.copyOf(elements);
        for (ElementComparison e : elements) {
            byKey.put(key(e.index(), e.cotangent()), e);
        }
    }

    private static long key(int index, int cotangent) {
        return ((long) cotangent << 32) | (index & 0xffffffffL);
    }

    String name() {
        return name;
    }

    Shape shape() {
        return shape;
    }

    List<ElementComparison> elements() {
        return elements;
    }

    /** The comparison of element {@code index} for cotangent {@code cotangent}, or null. */
    ElementComparison at(int index, int cotangent) {
        return byKey.get(key(index, cotangent));
    }

    List<ElementComparison> failed() {
        List<ElementComparison> out = new ArrayList<>();
        for (ElementComparison e : elements) {
            if (e.verdict() == Verdict.FAIL) {
                out.add(e);
            }
        }
        return out;
    }

    /** The distinct element indices among {@code elements}, in order. */
    static Set<Integer> indices(List<ElementComparison> elements) {
        Set<Integer> out = new LinkedHashSet<>();
        for (ElementComparison e : elements) {
            out.add(e.index());
        }
        return out;
    }

    /**
     * The failed elements an independent measurement confirmed, or every failed one where none
     * is: a quantity read off one element (a ratio, the worst discrepancy) is read off a confirmed
     * one, never one {@linkplain Finding#NOT_CONFIRMED_SEPARATELY not confirmed separately} while
     * a confirmed one exists. Patterns over all the failed elements use them all: the node is
     * proven wrong, and its unconfirmed failures show the shape of the error as measured.
     */
    private List<ElementComparison> confirmedFirst() {
        List<ElementComparison> failed = failed();
        List<ElementComparison> confirmed = failed.stream()
                .filter(e -> e.finding() != Finding.NOT_CONFIRMED_SEPARATELY).toList();
        return confirmed.isEmpty() ? failed : confirmed;
    }

    /** The failed element with the largest measured value (a confirmed one, where any is): the most reliable ratio. */
    ElementComparison strongestFailure() {
        ElementComparison best = null;
        for (ElementComparison e : confirmedFirst()) {
            if (best == null || Math.abs(e.numeric()) > Math.abs(best.numeric())) {
                best = e;
            }
        }
        return best;
    }

    /** The failed element furthest past its tolerance (a confirmed one, where any is). */
    ElementComparison worstFailure() {
        ElementComparison best = null;
        for (ElementComparison e : confirmedFirst()) {
            if (best == null || e.severity() > best.severity()) {
                best = e;
            }
        }
        return best;
    }

    /**
     * Whether the measured value is distinguishable from 0: beyond the element's tolerance, or ten
     * times its error estimate where that is smaller (a tolerance raised by a huge claim's rounding
     * says nothing of the measurement).
     */
    static boolean measurablyNonZero(ElementComparison e) {
        return Factor.measurablyNonZero(e);
    }

    /** The element's tolerance; a zero tolerance still admits exact agreement only. */
    static double tolerance(ElementComparison e) {
        return Double.isFinite(e.tolerance()) ? e.tolerance() : 0;
    }

    /** Where an element is, as printed: {@code den}, {@code W[1,2]}. */
    String where(ElementComparison e) {
        return name + e.position();
    }
}
