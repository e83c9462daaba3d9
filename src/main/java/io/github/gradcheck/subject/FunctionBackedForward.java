package io.github.gradcheck.subject;

import io.github.gradcheck.model.Point;
import io.github.gradcheck.model.Trace;
import io.github.gradcheck.model.Value;

/**
 * A forward subject whose value comes from a wrapped {@link FunctionSubject}: its name, purity,
 * forward and replays are the function's; only its claimed derivative is its own.
 */
abstract sealed class FunctionBackedForward implements ForwardSubject permits JacobianSubject, JvpSubject {

    /** The function the value comes from. */
    final FunctionSubject function;

    FunctionBackedForward(FunctionSubject function) {
        this.function = function;
    }

    @Override
    public boolean isPure() {
        return function.isPure();
    }

    @Override
    public String name() {
        return function.name();
    }

    @Override
    public Trace forward(Point point) {
        return function.forward(point);
    }

    @Override
    public Value replayOutput(Trace trace, String input, Value replacement) {
        return function.replayOutput(trace, input, replacement);
    }
}
