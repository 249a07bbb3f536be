package dev.hubwizard.ui.wizard;

import java.util.List;

/**
 * Something the person should know about the open hub before going on, such as a deploy that stopped
 * half-way and what it left running in AWS, with what they can do about it.
 *
 * @param title   one line: what is the case ("Interrupted: 12 resources in AWS, about $38.12 a month")
 * @param body    why, and what each action does
 * @param actions buttons, the recommended one first
 */
public record Notice(String title, String body, List<Action> actions) {

    public Notice {
        actions = List.copyOf(actions);
    }

    /** A button of the notice. */
    public record Action(String label, Runnable run) {
    }
}
