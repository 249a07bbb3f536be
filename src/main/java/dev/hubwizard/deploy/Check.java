package dev.hubwizard.deploy;

import dev.hubwizard.engine.Problem;

/**
 * One line of the preflight page: green, amber or red, what was found, and what to do about it.
 *
 * @param name    what was checked ("Docker", "AWS credentials")
 * @param summary what was found ("Docker 24.0.7 is running")
 * @param fix     what to do, when there is something to do; otherwise empty
 * @param remedy  what the page offers to do about it (a "Sign in to AWS" button)
 * @param setting the profile key of the setting that fixes it ({@code hub.localPort}), for a link to that field;
 *                empty when no setting does
 */
public record Check(String name, Status status, String summary, String fix, Problem.Remedy remedy, String setting) {

    public enum Status { OK, WARNING, FAILED }

    public Check {
        fix = fix == null ? "" : fix;
        remedy = remedy == null ? Problem.Remedy.NONE : remedy;
        setting = setting == null ? "" : setting;
    }

    public Check(String name, Status status, String summary, String fix) {
        this(name, status, summary, fix, Problem.Remedy.NONE);
    }

    public Check(String name, Status status, String summary, String fix, Problem.Remedy remedy) {
        this(name, status, summary, fix, remedy, "");
    }

    public static Check ok(String name, String summary) {
        return new Check(name, Status.OK, summary, "");
    }

    public static Check warning(String name, String summary, String fix) {
        return new Check(name, Status.WARNING, summary, fix);
    }

    public static Check failed(String name, String summary, String fix) {
        return new Check(name, Status.FAILED, summary, fix);
    }

    /** This check, fixed by changing the setting with this profile key; said only when it is not green. */
    public Check inSettings(String key) {
        return status == Status.OK ? this : new Check(name, status, summary, fix, remedy, key);
    }
}
