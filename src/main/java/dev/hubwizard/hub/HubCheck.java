package dev.hubwizard.hub;

/** What the local test proves about a hub, in the order a person meets it. */
public enum HubCheck {

    HUB_ANSWERS("Hub answering", "the hub answers at /hub/health"),
    SIGNED_IN("Signed in", "a person signs in"),
    SERVER_STARTED("Server started", "their notebook server starts"),
    CODE_RAN("Code ran", "a line of Python runs in a kernel and answers");

    private final String label;
    private final String proves;

    HubCheck(String label, String proves) {
        this.label = label;
        this.proves = proves;
    }

    /** As the page and the CLI show it: "Signed in". */
    public String label() {
        return label;
    }

    /** What passing it shows, in a sentence: "a person signs in". */
    public String proves() {
        return proves;
    }
}
