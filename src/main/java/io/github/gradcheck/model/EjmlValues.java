package io.github.gradcheck.model;

/**
 * EJML's dense matrices as values: {@code DMatrixRMaj}, {@code FMatrixRMaj} (float) and
 * {@code SimpleMatrix} of either, as matrices of their rows and columns. gradcheck does not
 * compile against EJML: it calls EJML's public methods on the values it is given.
 */
final class EjmlValues {

    private static final String D = "org.ejml.data.DMatrixRMaj";
    private static final String F = "org.ejml.data.FMatrixRMaj";
    private static final String SIMPLE = "org.ejml.simple.SimpleMatrix";
    private static final String SUPPORTED = "DMatrixRMaj, FMatrixRMaj and SimpleMatrix (of DDRM or FDRM)";
    private static final Class<?>[] NONE = {};
    private static final Class<?>[] AT = {int.class, int.class};

    private EjmlValues() {
    }

    static JavaArrays.Flat flatten(Object x) {
        Class<?> type = x.getClass();
        boolean isFloat;
        if (Reflected.is(type, SIMPLE)) {
            String kind = String.valueOf(Reflected.call(x, "getType", NONE));
            if (!kind.equals("DDRM") && !kind.equals("FDRM")) {
                throw MatrixLibraries.unsupported(x, SUPPORTED + "; this SimpleMatrix is " + kind);
            }
            isFloat = kind.equals("FDRM");
        } else if (Reflected.is(type, D) || Reflected.is(type, F)) {
            isFloat = Reflected.is(type, F);
        } else {
            throw MatrixLibraries.unsupported(x, SUPPORTED);
        }
        int rows = (Integer) Reflected.call(x, "getNumRows", NONE);
        int columns = (Integer) Reflected.call(x, "getNumCols", NONE);
        double[] data = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                data[i * columns + j] = ((Number) Reflected.call(x, "get", AT, i, j)).doubleValue();
            }
        }
        return new JavaArrays.Flat(data, new int[] {rows, columns}, isFloat ? float.class : double.class);
    }

    static Object build(Class<?> type, Value value) {
        int[] rc = MatrixLibraries.rowsAndColumns(value, type.getSimpleName());
        Class<?> d = Reflected.sibling(type, D);
        Class<?> f = Reflected.sibling(type, F);
        Class<?> simple = type.getName().equals(SIMPLE) ? type : null;
        boolean isFloat = type.isAssignableFrom(f) && !type.isAssignableFrom(d)
                || simple != null && value.precision() == Precision.FLOAT;
        if (type.isAssignableFrom(d) || type.isAssignableFrom(f) || simple != null) {
            if (simple != null) {
                Object rows = isFloat ? value.toJava(float[][].class) : value.toJava(double[][].class);
                return Reflected.create(simple, new Class<?>[] {rows.getClass()}, rows);
            }
            Object m = Reflected.create(isFloat ? f : d, AT, rc[0], rc[1]);
            Class<?>[] set = {int.class, int.class, isFloat ? float.class : double.class};
            for (int k = 0; k < value.size(); k++) {
                Object x = isFloat ? (Object) (float) value.get(k) : (Object) value.get(k);
                Reflected.call(m, "set", set, k / rc[1], k % rc[1], x);
            }
            return m;
        }
        throw new IllegalArgumentException("gradcheck cannot convert a value to " + type.getName() + "; of EJML it"
                + " makes " + SUPPORTED);
    }
}
