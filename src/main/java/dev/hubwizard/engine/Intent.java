package dev.hubwizard.engine;

/**
 * One line of a plan preview: "create VPC team-hub", "reuse ECR repository team-hub".
 *
 * @param action what will happen
 * @param kind   the kind of resource, in AWS's words ("VPC", "ECR repository")
 * @param name   its name or id, as far as it is known before the run
 * @param detail why, or what changes; may be empty
 */
public record Intent(Action action, String kind, String name, String detail) {

    public enum Action { CREATE, REUSE, CHANGE, DELETE, KEEP, RUN }

    public Intent {
        detail = detail == null ? "" : detail;
    }

    public static Intent run(String what) {
        return new Intent(Action.RUN, "step", what, "");
    }

    public static Intent create(String kind, String name, String detail) {
        return new Intent(Action.CREATE, kind, name, detail);
    }

    public static Intent reuse(String kind, String name, String detail) {
        return new Intent(Action.REUSE, kind, name, detail);
    }

    public static Intent change(String kind, String name, String detail) {
        return new Intent(Action.CHANGE, kind, name, detail);
    }

    public static Intent delete(String kind, String name, String detail) {
        return new Intent(Action.DELETE, kind, name, detail);
    }

    public static Intent keep(String kind, String name, String detail) {
        return new Intent(Action.KEEP, kind, name, detail);
    }
}
