package dev.hubwizard.aws;

/**
 * A DNS record the hub's domain needs: the certificate's validation CNAME, or the domain pointing at the
 * load balancer. When the domain's hosted zone is not in the account, the user adds it at their DNS provider;
 * the wizard shows it.
 *
 * @param name             the record's name, without the final dot ({@code _x1.hub.example.org})
 * @param type             {@code CNAME} (or {@code A} for an alias Hub Wizard made in Route 53)
 * @param value            what it points at, without the final dot
 * @param addedByHubWizard whether Hub Wizard put it in the account's Route 53 zone; otherwise the user must add it
 */
public record DnsRecord(String name, String type, String value, boolean addedByHubWizard) {

    public DnsRecord {
        name = plain(name);
        value = plain(value);
    }

    /** One line for the log and a dialog: {@code CNAME _x1.hub.example.org → _y2.acm-validations.aws}. */
    public String text() {
        return type + " " + name + " → " + value;
    }

    /** Lower case, without the final dot DNS answers carry. */
    public static String plain(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
