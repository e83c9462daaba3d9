package io.github.gradcheck.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;

/**
 * EJML, Commons Math and Hipparchus are optional: gradcheck checks subjects of plain arrays in a
 * class loader that has none of them, and meets an object it does not know with its ordinary
 * error, without touching their adapters.
 */
class OptionalMatrixLibrariesTests {

    @Test
    void checksRunWithoutAnyMatrixLibraryOnTheClassPath() throws Exception {
        URL[] urls = {Path.of("target/classes").toUri().toURL(), Path.of("target/test-classes").toUri().toURL(),
            API.class.getProtectionDomain().getCodeSource().getLocation()};
        try (URLClassLoader bare = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> bare.loadClass("org.ejml.data.DMatrixRMaj")).isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> bare.loadClass("org.apache.commons.math3.linear.RealMatrix"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> bare.loadClass("org.hipparchus.linear.RealMatrix"))
                    .isInstanceOf(ClassNotFoundException.class);

            Object result = bare.loadClass(WithoutMatrixLibraries.class.getName()).getMethod("run").invoke(null);

            assertThat(result).asString().startsWith("function PASS, layer PASS, cannot use StringBuilder as a value");
        }
    }
}
