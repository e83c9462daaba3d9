package io.github.gradcheck.model;

/**
 * The matrix libraries whose values gradcheck reads and writes without depending on them: EJML,
 * Apache Commons Math 3 and Hipparchus. gradcheck neither compiles against them nor requires
 * their modules: it recognises a library's value by the package of its class and calls the
 * library's public methods on it ({@link EjmlValues}, {@link LinearAlgebraValues}), so a user who
 * does not use EJML never needs EJML on the class path (docs/design/matrix-libraries.md).
 */
final class MatrixLibraries {

    private static final String EJML = "org.ejml.";
    private static final String COMMONS_MATH = "org.apache.commons.math3.linear.";
    private static final String HIPPARCHUS = "org.hipparchus.linear.";

    private MatrixLibraries() {
    }

    /** {@return {@code x} flattened, or null when it is no value of a matrix library} */
    static JavaArrays.Flat flatten(Object x) {
        String library = library(x.getClass());
        if (library == null) {
            return null;
        }
        return switch (library) {
            case EJML -> EjmlValues.flatten(x);
            default -> LinearAlgebraValues.flatten(x, library);
        };
    }

    /** {@return {@code value} as a new object of the library type {@code type}, or null when it is none} */
    static Object build(Class<?> type, Value value) {
        String library = library(type);
        if (library == null) {
            return null;
        }
        return switch (library) {
            case EJML -> EjmlValues.build(type, value);
            default -> LinearAlgebraValues.build(type, value, library);
        };
    }

    /** The package prefix of the library {@code type} or one of its supertypes belongs to; null for none. */
    private static String library(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            String found = prefix(c.getName());
            if (found != null) {
                return found;
            }
            for (Class<?> i : c.getInterfaces()) {
                found = prefix(i.getName());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String prefix(String name) {
        if (name.startsWith(EJML)) {
            return EJML;
        }
        if (name.startsWith(COMMONS_MATH)) {
            return COMMONS_MATH;
        }
        return name.startsWith(HIPPARCHUS) ? HIPPARCHUS : null;
    }

    /** {@return the elements of a value of rank 0 to 2 as rows × columns (a vector a column)} */
    static int[] rowsAndColumns(Value value, String type) {
        Shape s = value.shape();
        return switch (s.rank()) {
            case 0 -> new int[] {1, 1};
            case 1 -> new int[] {s.dim(0), 1};
            case 2 -> new int[] {s.dim(0), s.dim(1)};
            default -> throw new IllegalStateException("expected a matrix for " + type + " but the value has shape " + s);
        };
    }

    static IllegalArgumentException unsupported(Object x, String supported) {
        return new IllegalArgumentException("cannot use " + x.getClass().getName() + " as a value; of this library"
                + " gradcheck takes " + supported);
    }
}
