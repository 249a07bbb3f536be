package dev.hubwizard.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps and what each waits for: a small dependency graph, checked once when the plan is made.
 * Steps are kept in a topological order that respects the order they were given in, so the step
 * list reads like the guide.
 */
public final class Plan {

    private final String name;
    private final Map<String, Step> steps;

    public Plan(String name, List<? extends Step> steps) {
        this.name = name;
        Map<String, Step> byId = new LinkedHashMap<>();
        for (Step step : steps) {
            if (byId.putIfAbsent(step.id(), step) != null) {
                throw new IllegalArgumentException("Two steps have the id '" + step.id() + "'");
            }
        }
        for (Step step : steps) {
            for (String dependency : step.dependsOn()) {
                if (!byId.containsKey(dependency)) {
                    throw new IllegalArgumentException(
                            "Step '" + step.id() + "' depends on '" + dependency + "', which is not in the plan");
                }
            }
        }
        this.steps = sorted(byId);
    }

    public String name() {
        return name;
    }

    /** Every step, dependencies before dependants. */
    public List<Step> steps() {
        return List.copyOf(steps.values());
    }

    public Step step(String id) {
        Step step = steps.get(id);
        if (step == null) {
            throw new IllegalArgumentException("No step '" + id + "' in plan " + name);
        }
        return step;
    }

    public boolean contains(String id) {
        return steps.containsKey(id);
    }

    /** The step and everything it needs, transitively. */
    public Plan upTo(String id) {
        Set<String> wanted = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (wanted.add(next)) {
                todo.addAll(step(next).dependsOn());
            }
        }
        return only(wanted);
    }

    /**
     * Just these steps. Dependencies on steps left out are treated as met: the session already holds
     * what they produced (the wizard runs one page's step at a time).
     */
    public Plan only(Collection<String> ids) {
        List<Step> kept = new ArrayList<>();
        for (Step step : steps.values()) {
            if (ids.contains(step.id())) {
                Set<String> deps = new LinkedHashSet<>(step.dependsOn());
                deps.retainAll(ids);
                kept.add(deps.equals(step.dependsOn()) ? step : Step.withDependencies(step, deps));
            }
        }
        return new Plan(name, kept);
    }

    /** Kahn's algorithm, always taking the earliest-given ready step, so the order is stable. */
    private static Map<String, Step> sorted(Map<String, Step> byId) {
        Map<String, Step> result = new LinkedHashMap<>();
        while (result.size() < byId.size()) {
            Step ready = byId.values().stream()
                    .filter(s -> !result.containsKey(s.id()) && result.keySet().containsAll(s.dependsOn()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("The steps' dependencies form a cycle among "
                            + byId.keySet().stream().filter(id -> !result.containsKey(id)).toList()));
            result.put(ready.id(), ready);
        }
        return result;
    }
}
