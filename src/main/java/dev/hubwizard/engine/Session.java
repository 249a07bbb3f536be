package dev.hubwizard.engine;

/**
 * What the runs of one profile share: the values steps hand to each other, the journal of created
 * resources and the secrets to keep out of logs. One session per open profile; runs come and go.
 */
public final class Session {

    private final Values values = new Values();
    private final Redactor redactor = new Redactor();
    private final Journal journal;

    public Session(Journal journal) {
        this.journal = journal;
    }

    public Values values() {
        return values;
    }

    public Journal journal() {
        return journal;
    }

    public Redactor redactor() {
        return redactor;
    }
}
