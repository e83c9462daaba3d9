/**
 * gradcheck: verifies hand-written derivatives node by node against finite differences.
 *
 * <p>The exported packages are the API: {@code io.github.gradcheck} (the entry points),
 * {@code model} (values, points, and the trace SPI), {@code subject} (the three ways to describe a
 * subject), {@code check} (options and the result value types), {@code diagnosis},
 * {@code report}, {@code input} (domains, generation, shrinking), and the front-ends
 * {@code junit} and {@code assertj}. The {@code internal} packages are not exported.
 *
 * <p>JUnit Jupiter and AssertJ are optional ({@code requires static}): only the front-end that
 * uses them needs them at run time. The matrix libraries EJML, Apache Commons Math 3 and Hipparchus
 * are not dependencies at all: their values are read and written through their public methods,
 * found on the values themselves.
 */
module io.github.gradcheck {
    requires transitive org.apiguardian.api;
    requires static transitive org.junit.jupiter.api;
    requires static org.junit.platform.commons;
    requires static org.opentest4j;
    requires static transitive org.assertj.core;

    exports io.github.gradcheck;
    exports io.github.gradcheck.model;
    exports io.github.gradcheck.subject;
    exports io.github.gradcheck.check;
    exports io.github.gradcheck.diagnosis;
    exports io.github.gradcheck.report;
    exports io.github.gradcheck.input;
    exports io.github.gradcheck.junit;
    exports io.github.gradcheck.assertj;

    opens io.github.gradcheck.junit to org.junit.platform.commons;
}
