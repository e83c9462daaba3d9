package io.github.gradcheck.examples.forward;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.subject.JacobianSubject;

/**
 * The measurement model of an extended Kalman filter that localises a robot from the range and
 * bearing of a known landmark, with its hand-written Jacobian: the state is the robot's pose
 * (x, y, θ), the landmark's position is a constant, and
 *
 * <pre>
 * h(x, y, θ) = ( √(dx² + dy²), atan2(dy, dx) − θ ),   dx = lx − x,  dy = ly − y
 * H = [ −dx/r   −dy/r    0 ]        r = √(dx² + dy²),  q = r²
 *     [  dy/q   −dx/q   −1 ]
 * </pre>
 *
 * Two classic bugs: the bearing row with its signs flipped (the derivative of atan2 written the
 * wrong way round), and the bearing's derivative with respect to the heading left out.
 */
public final class RangeBearing {

    /** The state (1, 2, 0.3) and a landmark at (4, 6). */
    public static final Point POINT = Point.builder()
            .input("pose", new double[] {1.0, 2.0, 0.3})
            .constant("landmark", new double[] {4.0, 6.0})
            .build();

    /** The bugs {@link #subject(Bug)} can build in. */
    public enum Bug {
        /** The hand-written Jacobian is right. */
        NONE,
        /** The bearing row's position derivatives have the wrong sign: (−dy/q, dx/q) instead of (dy/q, −dx/q). */
        FLIPPED_BEARING_SIGN,
        /** ∂bearing/∂θ = −1 left out (claimed 0). */
        MISSING_HEADING_TERM
    }

    private RangeBearing() {
    }

    /** {@return the range and bearing of the landmark seen from the pose} */
    public static double[] measure(double[] pose, double[] landmark) {
        double dx = landmark[0] - pose[0];
        double dy = landmark[1] - pose[1];
        return new double[] {Math.hypot(dx, dy), Math.atan2(dy, dx) - pose[2]};
    }

    /** {@return the hand-written Jacobian of {@link #measure} with respect to the pose, with {@code bug} in it} */
    public static double[][] jacobian(double[] pose, double[] landmark, Bug bug) {
        double dx = landmark[0] - pose[0];
        double dy = landmark[1] - pose[1];
        double q = dx * dx + dy * dy;
        double r = Math.sqrt(q);
        double sign = bug == Bug.FLIPPED_BEARING_SIGN ? -1 : 1;
        double heading = bug == Bug.MISSING_HEADING_TERM ? 0 : -1;
        return new double[][] {
            {-dx / r, -dy / r, 0},
            {sign * dy / q, sign * -dx / q, heading},
        };
    }

    /** {@return the measurement model as a subject, with {@code bug} in its Jacobian} */
    public static JacobianSubject subject(Bug bug) {
        return JacobianSubject.of("range-bearing" + (bug == Bug.NONE ? "" : " (" + bug.name().toLowerCase().replace('_', ' ') + ")"),
                in -> measure(in.vector("pose"), in.vector("landmark")),
                in -> jacobian(in.vector("pose"), in.vector("landmark"), bug));
    }
}
