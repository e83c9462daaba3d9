package io.github.gradcheck.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.SubjectException;
import io.github.gradcheck.subject.FunctionSubject;
import io.github.gradcheck.subject.Subject;
import org.junit.jupiter.api.Test;

/** The code of docs/troubleshooting.md, run; its table is checked by TroubleshootingCatalogueTests. */
class TroubleshootingGuideTests {

    @Test
    void aSubjectExceptionNamesTheSubjectAndSaysWhatToDo() {
        Subject forgetful = FunctionSubject.of("forgetful", in -> in.scalar("x"), (in, out, gOut) -> null);

        try {
            GradCheck.check(forgetful, Point.of("x", 1.0));
            fail("a backward that returns null is an error in the subject, not a verdict");
        } catch (SubjectException e) {
            assertThat(e.subject()).isEqualTo("forgetful");
            assertThat(e.getMessage()).startsWith("subject 'forgetful'")
                    .contains("returned null as the gradient of argument 0 ('x')");
        }
    }
}
