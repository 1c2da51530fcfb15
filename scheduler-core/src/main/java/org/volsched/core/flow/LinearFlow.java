package org.volsched.core.flow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * TaskFlow's {@code linear_flow.Flow}: tasks that run one at a time in insertion order (rule TF1).
 *
 * <p>Built once and then only read: {@link FlowEngine#load} copies the steps, so one flow may be
 * loaded by many engines at once as long as nobody adds to it meanwhile.
 */
public final class LinearFlow {
    private final String name;
    private final List<Step> steps = new ArrayList<>();

    public LinearFlow(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A flow's name must not be blank");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Appends a task that reads its requirements under their own names. */
    public LinearFlow add(Task task) {
        return add(task, Map.of());
    }

    /**
     * Appends a task with renamed requirements (TaskFlow's {@code rebind}, rule TF3).
     *
     * @param rebind requirement name to the stored or provided symbol that fills it, for example
     *     {@code request_spec -> raw_request_spec}
     * @throws IllegalArgumentException when a rebound name is not a requirement of the task, or a
     *     task of the same name is already in the flow
     */
    public LinearFlow add(Task task, Map<String, String> rebind) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(rebind, "rebind");
        String taskName = Objects.requireNonNull(task.name(), "task name");
        for (Step step : steps) {
            if (step.task().name().equals(taskName)) {
                throw new IllegalArgumentException("Flow '" + name + "' already has a task named '" + taskName + "'");
            }
        }
        Set<String> required = task.requires().stream().map(Key::name).collect(Collectors.toSet());
        List<String> unknown = rebind.keySet().stream().filter(k -> !required.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Task '" + taskName + "' cannot rebind " + unknown
                    + ": it requires only " + required.stream().sorted().toList());
        }
        steps.add(new Step(task, rebind));
        return this;
    }

    /** The steps in order. */
    public List<Step> steps() {
        return Collections.unmodifiableList(new ArrayList<>(steps));
    }

    @Override
    public String toString() {
        return "LinearFlow[" + name + ": " + steps.stream().map(s -> s.task().name()).toList() + "]";
    }

    /**
     * A task with its rebinding.
     *
     * @param rebind requirement name to symbol name; requirements not listed keep their own name
     */
    public record Step(Task task, Map<String, String> rebind) {
        public Step {
            Objects.requireNonNull(task, "task");
            rebind = Collections.unmodifiableMap(new LinkedHashMap<>(rebind));
            rebind.forEach((k, v) -> {
                Objects.requireNonNull(k, "rebind key");
                Objects.requireNonNull(v, "rebind value");
            });
        }

        /** The symbol that fills the requirement {@code requirement}. */
        public String symbolFor(String requirement) {
            return rebind.getOrDefault(requirement, requirement);
        }
    }
}
