package io.github.gradcheck.subject;

import io.github.gradcheck.model.Precision;
import io.github.gradcheck.model.Shape;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.model.Value;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several named outputs as the one flat output the engine checks: their layout (name, shape,
 * offset), the flat output's name {@code "(h, c)"}, and the mapping both ways. The report shows a
 * row per output, and the output node's name lists them in order, so a flat index can always be
 * named back as (output, index).
 */
final class Outputs {

    /** One output: its name, shape (as its value) and where its elements start in the flat output. */
    record Part(String name, Value value, int offset) {
    }

    private Outputs() {
    }

    /** {@return the flat output's node name: the outputs' names in order, e.g. {@code "(h, c)"}} */
    static String nodeName(List<String> names) {
        return "(" + String.join(", ", names) + ")";
    }

    /**
     * {@return the named outputs a forward returned}: a {@code Map} of name to value, a record (its
     * components, in declaration order) or a {@code List} (named {@code output0}, {@code output1}, ...)
     */
    static Map<String, Value> read(String subject, Object returned) {
        Map<String, Object> raw = new LinkedHashMap<>();
        if (returned instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new SubjectException(subject, "the forward returned a map whose key " + e.getKey()
                            + " is not an output name (a String)");
                }
                raw.put(key, e.getValue());
            }
        } else if (returned instanceof Record record) {
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                raw.put(c.getName(), UserCode.call(subject, c.getName(), "reading output '" + c.getName() + "'",
                        () -> {
                            c.getAccessor().setAccessible(true);
                            return c.getAccessor().invoke(record);
                        }));
            }
        } else if (returned instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                raw.put("output" + i, list.get(i));
            }
        } else {
            throw new SubjectException(subject, "the forward of a function with several outputs returned "
                    + (returned == null ? "null" : "a " + returned.getClass().getSimpleName())
                    + "; return a Map of output name to value, a record or a List of the outputs");
        }
        if (raw.isEmpty()) {
            throw new SubjectException(subject, "the forward returned no outputs; return at least one");
        }
        Map<String, Value> values = new LinkedHashMap<>();
        raw.forEach((name, v) -> values.put(name, UserCode.toValue(subject, name, "the forward's output '" + name + "'", v)));
        return values;
    }

    /** {@return the layout of {@code outputs}, in their order} */
    static List<Part> layout(Map<String, Value> outputs) {
        List<Part> parts = new ArrayList<>();
        int offset = 0;
        for (Map.Entry<String, Value> e : outputs.entrySet()) {
            parts.add(new Part(e.getKey(), e.getValue(), offset));
            offset += e.getValue().size();
        }
        return parts;
    }

    /** {@return the outputs, in the layout's order, as one flat vector} */
    static Value concat(List<Value> values) {
        int n = 0;
        boolean allFloat = true;
        for (Value v : values) {
            n += v.size();
            allFloat &= v.precision() == Precision.FLOAT;
        }
        double[] flat = new double[n];
        int at = 0;
        for (Value v : values) {
            for (int i = 0; i < v.size(); i++) {
                flat[at++] = v.get(i);
            }
        }
        return Value.of(Shape.of(n),
                allFloat ? Precision.FLOAT : Precision.DOUBLE, flat);
    }

    /** {@return the part of the flat {@code flat} that belongs to {@code part}, in its shape and precision} */
    static Value slice(Value flat, Part part) {
        double[] d = new double[part.value().size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = flat.get(part.offset() + i);
        }
        return Value.of(part.value().shape(), part.value().precision(), d);
    }
}
