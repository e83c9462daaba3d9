package io.github.gradcheck.examples;

import io.github.gradcheck.GradCheck;
import io.github.gradcheck.check.GradientReport;
import io.github.gradcheck.examples.forward.LayerTangents;
import io.github.gradcheck.examples.forward.LogisticRegression;
import io.github.gradcheck.examples.forward.RangeBearing;
import io.github.gradcheck.examples.network.Networks;
import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.Subject;

/**
 * The README's first command: prints the per-node reports of the worked example and of broken subjects,
 * a network with two broken layers (both named in one run), then a forward-mode report (a Kalman
 * filter's measurement Jacobian), a second-order one (a logistic-regression Hessian) and a tangent
 * check of a network's layers, layer by layer.
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        show(WorkedExample.traced(false), WorkedExample.POINT);
        show(WorkedExample.traced(true), WorkedExample.POINT);
        show(WorkedExample.graph(true), WorkedExample.POINT);
        show(WorkedExample.function(true), WorkedExample.POINT);
        show(Networks.broken(Networks.Bug.DENSE_MISSING_TRANSPOSE), Networks.POINT);
        show(Networks.broken(Networks.Bug.TWO_BROKEN_LAYERS), Networks.POINT);
        System.out.println("=".repeat(100));
        System.out.println(GradCheck.describe(GradCheck.checkForward(
                RangeBearing.subject(RangeBearing.Bug.FLIPPED_BEARING_SIGN), RangeBearing.POINT)));
        System.out.println("=".repeat(100));
        System.out.println(GradCheck.describe(GradCheck.checkHessian(
                LogisticRegression.subject(LogisticRegression.Bug.MISSING_REGULARISER), LogisticRegression.POINT)));
        System.out.println("=".repeat(100));
        System.out.println(GradCheck.describe(GradCheck.checkTangents(
                LayerTangents.network(LayerTangents.Bug.FORGOTTEN_BIAS_TANGENT), LayerTangents.POINT)));
    }

    static void show(Subject subject, Point point) {
        GradientReport report = GradCheck.check(subject, point);
        System.out.println("=".repeat(100));
        System.out.println(GradCheck.describe(report));
    }
}
