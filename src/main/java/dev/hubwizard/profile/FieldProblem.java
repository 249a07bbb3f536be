package dev.hubwizard.profile;

/**
 * One thing wrong with a profile.
 *
 * @param field   where, as a key path of the profile file ({@code names.repository}); the UI maps it to its control
 * @param message what is wrong and what is allowed, in words for the user
 */
public record FieldProblem(String field, String message) {

    public String text() {
        return field + ": " + message;
    }
}
