package org.volsched.core.flow;

import java.util.ArrayList;
import java.util.List;

/** Writes every transition it sees as text ({@code flow RUNNING}, {@code task a: PENDING->RUNNING}). */
final class RecordingListener implements FlowListener {
    private final List<String> events = new ArrayList<>();
    private final List<TaskTransition> taskTransitions = new ArrayList<>();

    @Override
    public void flowChanged(FlowTransition transition) {
        events.add("flow " + transition.from() + "->" + transition.to());
    }

    @Override
    public void taskChanged(TaskTransition transition) {
        taskTransitions.add(transition);
        events.add("task " + shortName(transition.taskName()) + " " + transition.from() + "->" + transition.to());
    }

    List<String> events() {
        return events;
    }

    List<TaskTransition> taskTransitions() {
        return taskTransitions;
    }

    private static String shortName(String taskName) {
        int dot = taskName.lastIndexOf('.');
        int semi = taskName.indexOf(';');
        return dot >= 0 && semi > dot ? taskName.substring(dot + 1, semi) : taskName;
    }
}
