package dev.hubwizard.cli;

import dev.hubwizard.aws.signin.AccessKeys;
import dev.hubwizard.aws.signin.AwsSignIn;
import dev.hubwizard.aws.signin.IdentityCenter;
import dev.hubwizard.aws.signin.SignInKind;
import dev.hubwizard.aws.signin.SignInWait;
import dev.hubwizard.aws.signin.SsoPortal;
import dev.hubwizard.aws.signin.SsoProfiles;
import dev.hubwizard.aws.signin.SsoSession;
import dev.hubwizard.aws.signin.SsoToken;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.Profile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code hubwizard login}: signs in to AWS without the window, writing the same files as the app and the
 * AWS CLI. IAM Identity Center by default (the browser on this computer, or a code to confirm on another
 * device when no browser can be opened); {@code --keys} reads access keys from standard input, the secret
 * without echo on a terminal.
 */
@Command(name = "login", description = "Sign in to AWS (IAM Identity Center, or access keys with --keys) and save "
        + "the sign-in where every AWS tool finds it.")
final class LoginCommand implements Callable<Integer> {

    static final class Which {
        @Option(names = "--profile", paramLabel = "NAME", description = "Sign in the AWS profile this hub uses.")
        String hub;

        @Option(names = "--aws-profile", paramLabel = "NAME", description = "Sign in this AWS profile.")
        String aws;
    }

    private final CliContext context;
    private final Supplier<AwsSignIn> signIns;
    private final IdentityCenter.Browser browser;

    @ArgGroup(multiplicity = "1")
    Which which;

    @Option(names = "--keys", description = "Access keys instead of IAM Identity Center, read from standard input.")
    boolean keys;

    @Option(names = "--start-url", paramLabel = "URL", description = "The AWS access portal's URL (new SSO profiles).")
    String startUrl;

    @Option(names = "--sso-region", paramLabel = "REGION", description = "The region of IAM Identity Center.")
    String ssoRegion;

    @Option(names = "--account", paramLabel = "ID", description = "The account to use (asked when there are several).")
    String account;

    @Option(names = "--role", paramLabel = "NAME", description = "The role to use (asked when there are several).")
    String role;

    @Option(names = "--region", paramLabel = "REGION", description = "The profile's region (default: the hub's).")
    String region;

    @Option(names = "--no-browser", description = "Do not open a browser: print a URL and a code instead.")
    boolean noBrowser;

    /** @param browser opens the sign-in page; false when no browser can be opened here */
    LoginCommand(CliContext context, Supplier<AwsSignIn> signIns, IdentityCenter.Browser browser) {
        this.context = context;
        this.signIns = signIns;
        this.browser = browser;
    }

    @Override
    public Integer call() throws Exception {
        String awsProfile;
        String hubRegion = "";
        if (which.hub != null) {
            Optional<Profile> hub = ProfileLoader.load(context, which.hub, false);
            if (hub.isEmpty()) {
                return ExitCodes.BROKEN_PROFILE;
            }
            awsProfile = hub.get().aws().profileName().isBlank() ? "default" : hub.get().aws().profileName();
            hubRegion = hub.get().aws().region();
        } else {
            awsProfile = which.aws;
        }
        Optional<String> nameProblem = SsoSession.nameProblem(awsProfile);
        if (nameProblem.isPresent()) {
            context.err().println("The AWS profile name '" + awsProfile + "' cannot be used: " + nameProblem.get());
            return ExitCodes.USAGE;
        }
        String profileRegion = region != null ? region : hubRegion;
        try (AwsSignIn signIn = signIns.get()) {
            return keys ? keys(signIn, awsProfile, profileRegion) : sso(signIn, awsProfile, profileRegion);
        } catch (ProblemException e) {
            context.err().println(e.problem().text());
            return ExitCodes.FAILED;
        }
    }

    private int keys(AwsSignIn signIn, String profile, String profileRegion) throws ProblemException {
        String where = profileRegion.isBlank() ? "us-east-1" : profileRegion;
        Terminal terminal = context.terminal();
        Optional<String> keyId = terminal.ask("Access key ID: ");
        Optional<String> secret = terminal.askSecret("Secret access key: ");
        if (keyId.isEmpty() || secret.isEmpty()) {
            context.err().println("No keys were given: nothing was saved.");
            return ExitCodes.USAGE;
        }
        Optional<String> problem = AccessKeys.keyIdProblem(keyId.get())
                .or(() -> AccessKeys.secretProblem(secret.get()));
        if (problem.isPresent()) {
            context.err().println(problem.get() + ". Nothing was saved.");
            return ExitCodes.USAGE;
        }
        AccessKeys.Owner owner = signIn.checkKeys(keyId.get(), secret.get(), where);
        if (owner.root()) {
            context.err().println("Warning: these are the keys of the account's root user (" + owner.arn() + "). "
                    + "AWS advises an IAM user with only the permissions Hub Wizard needs (docs/iam-policy.json).");
            if (!terminal.ask("Use them anyway? [y/N] ").map(a -> a.equalsIgnoreCase("y")).orElse(false)) {
                context.err().println("Nothing was saved.");
                return ExitCodes.FAILED;
            }
        }
        signIn.saveKeys(profile, keyId.get(), secret.get(), profileRegion);
        context.out().println("Signed in: AWS profile '" + profile + "' is " + owner.arn() + " in account "
                + owner.account() + ".");
        return ExitCodes.OK;
    }

    private int sso(AwsSignIn signIn, String profile, String profileRegion) throws Exception {
        Optional<SsoSession> known = signIn.ssoSessionOf(profile);
        Optional<SsoProfiles.RoleProfile> knownRole = signIn.ssoRoleOf(profile);
        if (known.isPresent() && knownRole.isPresent() && startUrl == null && signIn.renew(profile)) {
            context.out().println("Signed in: AWS profile '" + profile + "' (renewed without the browser).");
            return ExitCodes.OK;
        }
        SsoSession session;
        if (startUrl != null) {
            Optional<String> urlProblem = SsoSession.startUrlProblem(startUrl);
            if (urlProblem.isPresent() || ssoRegion == null) {
                context.err().println(urlProblem.orElse("Give IAM Identity Center's region with --sso-region."));
                return ExitCodes.USAGE;
            }
            session = new SsoSession(SsoSession.nameFor(startUrl), startUrl.strip(), ssoRegion.strip());
        } else if (known.isPresent()) {
            session = known.get();
        } else {
            Optional<SignInKind> kind = signIn.profile(profile).map(AwsSignIn.ProfileSummary::kind);
            context.err().println("AWS profile '" + profile + "' " + kind.map(k -> "signs in with " + k.words()
                    + ", not IAM Identity Center").orElse("does not exist yet") + ". Give --start-url and "
                    + "--sso-region to sign it in with IAM Identity Center, or use --keys.");
            return ExitCodes.USAGE;
        }
        IdentityCenter.Browser opener = noBrowser ? uri -> false : browser;
        SsoToken token = signIn.signIn(session, uri -> {
            boolean opened = opener.open(uri);
            if (opened) {
                context.err().println("Sign in in the browser that just opened (or open " + uri + ").");
            }
            return opened;
        }, this::printCode, SignInWait.of(Duration.ofMinutes(10)));
        if (knownRole.isPresent() && startUrl == null && account == null && role == null) {
            signIn.saveToken(session, token);
            context.out().println("Signed in: AWS profile '" + profile + "', account " + knownRole.get().accountId()
                    + ", role " + knownRole.get().roleName() + ".");
            return ExitCodes.OK;
        }
        Optional<SsoPortal.Account> chosen = pick("account", signIn.accounts(session, token), account,
                SsoPortal.Account::id, SsoPortal.Account::label);
        if (chosen.isEmpty()) {
            return ExitCodes.USAGE;
        }
        Optional<String> chosenRole = pick("role", signIn.roles(session, token, chosen.get().id()), role, r -> r,
                r -> r);
        if (chosenRole.isEmpty()) {
            return ExitCodes.USAGE;
        }
        String where = profileRegion.isBlank() ? session.region() : profileRegion;
        signIn.saveSso(session, token,
                new SsoProfiles.RoleProfile(profile, chosen.get().id(), chosenRole.get(), where));
        context.out().println("Signed in: AWS profile '" + profile + "', account " + chosen.get().label() + ", role "
                + chosenRole.get() + ", region " + where + ".");
        return ExitCodes.OK;
    }

    private void printCode(URI verification, String code) {
        context.err().println("No browser here: on any device, open");
        context.err().println("  " + verification);
        context.err().println("check that it shows the code " + code + ", and allow access. Waiting…");
    }

    /** The option's choice, the only one there is, or one the person picks by number. */
    private <T> Optional<T> pick(String what, List<T> choices, String wanted, java.util.function.Function<T, String> id,
                                 java.util.function.Function<T, String> label) {
        if (wanted != null) {
            Optional<T> found = choices.stream().filter(c -> id.apply(c).equals(wanted)).findFirst();
            if (found.isEmpty()) {
                context.err().println("There is no " + what + " '" + wanted + "' for you; yours: "
                        + String.join(", ", choices.stream().map(label).toList()));
            }
            return found;
        }
        if (choices.size() == 1) {
            return Optional.of(choices.get(0));
        }
        if (choices.isEmpty()) {
            context.err().println("Your sign-in gives you no " + what + ": ask whoever manages IAM Identity Center.");
            return Optional.empty();
        }
        for (int i = 0; i < choices.size(); i++) {
            context.err().println("  " + (i + 1) + ". " + label.apply(choices.get(i)));
        }
        Optional<String> answer = context.terminal().ask("Which " + what + " (1-" + choices.size() + ")? ");
        try {
            int index = Integer.parseInt(answer.orElse("")) - 1;
            if (index >= 0 && index < choices.size()) {
                return Optional.of(choices.get(index));
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        context.err().println("No " + what + " chosen; give it with --" + what + ".");
        return Optional.empty();
    }
}
