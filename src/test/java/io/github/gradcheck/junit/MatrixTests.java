package io.github.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The build's JUnit matrix ({@code -Pjunit-6.0}, {@code -Pjunit-6.1}) really changes the JUnit the
 * extension's tests run on: the Jupiter and Platform jars on the test class path are those of the
 * version the build asked for.
 */
class MatrixTests {

    @Test
    void theTestsRunOnTheJunitTheBuildAskedFor() {
        String asked = System.getProperty("gradcheck.build.junit");
        org.junit.jupiter.api.Assumptions.assumeTrue(asked != null,
                "run by Maven (surefire sets gradcheck.build.junit)");
        assertThat(Test.class.getPackage().getImplementationVersion()).as("junit-jupiter-api").isEqualTo(asked);
        assertThat(org.junit.platform.engine.TestEngine.class.getPackage().getImplementationVersion())
                .as("junit-platform-engine")
                .isEqualTo(asked.startsWith("5.") ? "1." + asked.substring(2) : asked);
    }
}
