package dev.hubwizard.hub;

/**
 * A check that did not pass, with what the hub did instead in plain words ("the hub answered HTTP 500 to
 * the sign-in"); the hub's own log lines about it are added by whoever can read them (the local test).
 */
public final class CheckFailed extends Exception {

    private final HubCheck check;
    private final String what;

    public CheckFailed(HubCheck check, String what) {
        this(check, what, null);
    }

    public CheckFailed(HubCheck check, String what, Throwable cause) {
        super(check.label() + ": " + what, cause);
        this.check = check;
        this.what = what;
    }

    public HubCheck check() {
        return check;
    }

    /** What happened instead, without the check's name. */
    public String what() {
        return what;
    }
}
