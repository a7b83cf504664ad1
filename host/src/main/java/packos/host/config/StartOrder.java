package packos.host.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The order processes start in: a process starts only after every process its {@code after} names.
 * Ties go to file order, so the same config always starts the same way (one-CPU determinism).
 */
final class StartOrder {
    private StartOrder() {}

    /** Rejects names no process line defines and cycles; {@code lines} gives each process's line number. */
    static void check(String source, List<ProcessSpec> processes, List<Integer> lines) throws BootConfigException {
        var index = indexByName(processes);
        for (int i = 0; i < processes.size(); i++) {
            var p = processes.get(i);
            for (String before : p.after()) {
                if (!index.containsKey(before)) {
                    throw new BootConfigException(source, lines.get(i),
                            "process '" + p.name() + "' is after '" + before + "', which no process line names");
                }
            }
        }
        var cycle = findCycle(processes, index);
        if (!cycle.isEmpty()) {
            int first = cycle.getFirst();
            var steps = new ArrayList<String>();
            for (int k = 0; k < cycle.size(); k++) {
                steps.add(processes.get(cycle.get(k)).name() + " after " + processes.get(cycle.get((k + 1) % cycle.size())).name());
            }
            throw new BootConfigException(source, lines.get(first), "process '" + processes.get(first).name()
                    + "' is in an 'after' cycle: " + String.join(", ", steps) + " (expected no cycles)");
        }
    }

    /** The processes in start order; the input must have passed {@link #check}. */
    static List<ProcessSpec> of(List<ProcessSpec> processes) {
        var index = indexByName(processes);
        var started = new boolean[processes.size()];
        var order = new ArrayList<ProcessSpec>(processes.size());
        // Quadratic, but a boot config names tens of processes, and this keeps the tie-break obvious.
        while (order.size() < processes.size()) {
            boolean progressed = false;
            for (int i = 0; i < processes.size(); i++) {
                if (started[i]) continue;
                if (processes.get(i).after().stream().allMatch(n -> index.containsKey(n) && started[index.get(n)])) {
                    started[i] = true;
                    order.add(processes.get(i));
                    progressed = true;
                    break;
                }
            }
            if (!progressed) {
                throw new IllegalStateException("no start order: unknown names or a cycle in 'after' among "
                        + processes.stream().filter(p -> !started[index.get(p.name())]).map(ProcessSpec::name).collect(Collectors.joining(", ")));
            }
        }
        return List.copyOf(order);
    }

    private static Map<String, Integer> indexByName(List<ProcessSpec> processes) {
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < processes.size(); i++) index.putIfAbsent(processes.get(i).name(), i);
        return index;
    }

    /**
     * A cycle as process indices, rotated to start at its member earliest in the file, each member
     * being after the next; empty if there is none. Depth-first in file order keeps it deterministic.
     */
    private static List<Integer> findCycle(List<ProcessSpec> processes, Map<String, Integer> index) {
        var done = new boolean[processes.size()];
        for (int root = 0; root < processes.size(); root++) {
            var path = new LinkedHashSet<Integer>();
            var cycle = visit(root, processes, index, done, path);
            if (!cycle.isEmpty()) {
                int start = cycle.indexOf(cycle.stream().min(Integer::compare).orElseThrow());
                var rotated = new ArrayList<>(cycle.subList(start, cycle.size()));
                rotated.addAll(cycle.subList(0, start));
                return rotated;
            }
        }
        return List.of();
    }

    private static List<Integer> visit(int node, List<ProcessSpec> processes, Map<String, Integer> index,
                                       boolean[] done, LinkedHashSet<Integer> path) {
        if (done[node]) return List.of();
        if (path.contains(node)) {
            var onPath = new ArrayList<>(path);
            return List.copyOf(onPath.subList(onPath.indexOf(node), onPath.size()));
        }
        path.add(node);
        for (String before : processes.get(node).after()) {
            var cycle = visit(index.get(before), processes, index, done, path);
            if (!cycle.isEmpty()) return cycle;
        }
        path.remove(node);
        done[node] = true;
        return List.of();
    }
}
