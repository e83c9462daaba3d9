package io.github.gradcheck.model;

/**
 * The {@code RealVector} and {@code RealMatrix} of Apache Commons Math 3
 * ({@code org.apache.commons.math3.linear}) and of Hipparchus ({@code org.hipparchus.linear}),
 * which share their names and methods, as vectors and matrices of doubles. gradcheck does not
 * compile against either: it calls their public methods on the values it is given.
 */
final class LinearAlgebraValues {

    private static final Class<?>[] NONE = {};
    private static final Class<?>[] AT = {int.class, int.class};

    private LinearAlgebraValues() {
    }

    static JavaArrays.Flat flatten(Object x, String pkg) {
        Class<?> type = x.getClass();
        if (Reflected.is(type, pkg + "RealVector")) {
            double[] data = (double[]) Reflected.call(x, "toArray", NONE);
            return new JavaArrays.Flat(data, new int[] {data.length}, double.class);
        }
        if (Reflected.is(type, pkg + "RealMatrix")) {
            int rows = (Integer) Reflected.call(x, "getRowDimension", NONE);
            int columns = (Integer) Reflected.call(x, "getColumnDimension", NONE);
            double[] data = new double[rows * columns];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    data[i * columns + j] = (Double) Reflected.call(x, "getEntry", AT, i, j);
                }
            }
            return new JavaArrays.Flat(data, new int[] {rows, columns}, double.class);
        }
        throw MatrixLibraries.unsupported(x, "RealVector and RealMatrix");
    }

    static Object build(Class<?> type, Value value, String pkg) {
        Class<?> vector = Reflected.sibling(type, pkg + "ArrayRealVector");
        if (type.isAssignableFrom(vector)) {
            if (value.shape().rank() > 1) {
                throw new IllegalStateException("expected a vector for " + type.getSimpleName()
                        + " but the value has shape " + value.shape());
            }
            return Reflected.create(vector, new Class<?>[] {double[].class}, (Object) value.toArray());
        }
        Class<?> array2d = Reflected.sibling(type, pkg + "Array2DRowRealMatrix");
        Class<?> block = Reflected.sibling(type, pkg + "BlockRealMatrix");
        if (type.isAssignableFrom(array2d) || type.isAssignableFrom(block)) {
            int[] rc = MatrixLibraries.rowsAndColumns(value, type.getSimpleName());
            double[][] rows = new double[rc[0]][rc[1]];
            for (int k = 0; k < value.size(); k++) {
                rows[k / rc[1]][k % rc[1]] = value.get(k);
            }
            return Reflected.create(type.isAssignableFrom(array2d) ? array2d : block,
                    new Class<?>[] {double[][].class}, (Object) rows);
        }
        throw new IllegalArgumentException("gradcheck cannot convert a value to " + type.getName() + "; of this"
                + " library it makes ArrayRealVector, Array2DRowRealMatrix and BlockRealMatrix (and their interfaces)");
    }
}
