package io.github.gradcheck.internal.engine;

import io.github.gradcheck.check.Blame;
import io.github.gradcheck.check.NodeReport;
import io.github.gradcheck.check.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds where a wrong gradient starts: wrong nodes whose consumers are all right. */
final class BlameLocator {

    private BlameLocator() {
    }

    /** @param nodes node checks in backward order, with their consumers */
    static Blame locate(List<NodeReport> nodes) {
        Map<String, Verdict> verdicts = new HashMap<>();
        for (NodeReport n : nodes) {
            verdicts.put(n.name(), n.verdict());
        }
        List<String> origins = new ArrayList<>();
        List<String> consequences = new ArrayList<>();
        for (NodeReport n : nodes) {
            if (n.verdict() != Verdict.FAIL) {
                continue;
            }
            boolean consumerWrong = false;
            for (String c : n.consumers()) {
                consumerWrong |= verdicts.getOrDefault(c, Verdict.PASS) == Verdict.FAIL;
            }
            (consumerWrong ? consequences : origins).add(n.name());
        }
        if (origins.isEmpty()) {
            return consequences.isEmpty() ? Blame.none()
                    : new Blame(Optional.of(consequences.get(0)), List.of(), consequences.subList(1, consequences.size()),
                            List.of());
        }
        return new Blame(Optional.of(origins.get(0)), origins.subList(1, origins.size()), consequences, List.of());
    }
}
