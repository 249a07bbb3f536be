package dev.hubwizard.ui;

import dev.hubwizard.engine.Problem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Dialogs that answer from a script and remember what they were asked: for view-model tests. */
public final class ScriptedDialogs implements Dialogs {

    /** One question as the user would have seen it. */
    public record Question(String kind, String title, String header, String body, List<String> choices) {
    }

    public final List<Question> asked = new ArrayList<>();
    public final List<Problem> problems = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();
    /** The name check the last name question used, so tests can try it on other names. */
    public Function<String, Optional<String>> lastNameCheck;

    /** Queues the next answer: a String (a name or a choice), a Boolean (confirm) or null (cancel). */
    public ScriptedDialogs answer(Object answer) {
        answers.add(answer == null ? Cancel.CANCEL : answer);
        return this;
    }

    private enum Cancel { CANCEL }

    private Object next(String kind) {
        if (answers.isEmpty()) {
            throw new AssertionError("no answer scripted for a " + kind + " question");
        }
        return answers.poll();
    }

    @Override
    public Optional<String> askName(String title, String header, String hint, String initial,
                                    Function<String, Optional<String>> problemWith) {
        asked.add(new Question("name", title, header, initial, List.of()));
        lastNameCheck = problemWith;
        Object answer = next("name");
        if (answer == Cancel.CANCEL) {
            return Optional.empty();
        }
        String name = (String) answer;
        if (problemWith.apply(name).isPresent()) {
            throw new AssertionError("the dialog would not accept '" + name + "': " + problemWith.apply(name).get());
        }
        return Optional.of(name);
    }

    @Override
    public boolean confirm(String title, String header, String body, String confirmLabel) {
        asked.add(new Question("confirm", title, header, body, List.of(confirmLabel)));
        Object answer = next("confirm");
        return answer == Boolean.TRUE;
    }

    @Override
    public Optional<String> askLines(String title, String header, String hint, String initial,
                                     Function<String, Optional<String>> problemWith) {
        asked.add(new Question("lines", title, header, initial, List.of()));
        Object answer = next("lines");
        if (answer == Cancel.CANCEL) {
            return Optional.empty();
        }
        String text = (String) answer;
        if (problemWith.apply(text).isPresent()) {
            throw new AssertionError("the dialog would not accept '" + text + "': " + problemWith.apply(text).get());
        }
        return Optional.of(text);
    }

    @Override
    public Optional<String> choose(String title, String header, String body, List<String> choices) {
        asked.add(new Question("choose", title, header, body, choices));
        Object answer = next("choose");
        return answer == Cancel.CANCEL ? Optional.empty() : Optional.of((String) answer);
    }

    @Override
    public void showProblem(Problem problem) {
        problems.add(problem);
    }

    public Question last() {
        return asked.get(asked.size() - 1);
    }
}
