package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.ProblemException;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing in to AWS from Hub Wizard, every way a person normally gets credentials, writing the same files
 * the AWS CLI writes so that every AWS tool on the computer shares the sign-in: IAM Identity Center (SSO),
 * access keys, and signing an existing profile in again (refreshing an SSO sign-in without the browser when
 * its refresh token still works). The window's sign-in page and {@code hubwizard login} both use this.
 */
public final class AwsSignIn implements AutoCloseable {

    /** An AWS profile on this computer and how it signs in. */
    public record ProfileSummary(String name, SignInKind kind, String region) {
    }

    private final AwsFileWriter writer;
    private final Clock clock;
    private final SignInClients clients = new SignInClients();
    private final IdentityCenter identityCenter;
    private final SsoPortal portal;
    private final SsoProfiles ssoProfiles;
    private final AccessKeys accessKeys;

    public AwsSignIn(AwsFiles files, Clock clock) {
        this.writer = new AwsFileWriter(files);
        this.clock = clock;
        this.identityCenter = new IdentityCenter(clients, clock);
        this.portal = new SsoPortal(clients);
        this.ssoProfiles = new SsoProfiles(writer);
        this.accessKeys = new AccessKeys(clients, writer);
    }

    public static AwsSignIn forThisMachine() {
        return new AwsSignIn(AwsFiles.ofThisMachine(), Clock.systemUTC());
    }

    public AwsFiles files() {
        return writer.files();
    }

    public SsoToken signIn(SsoSession session, IdentityCenter.Browser browser, IdentityCenter.DeviceCodeDisplay display,
                           SignInWait wait) throws ProblemException, InterruptedException {
        return identityCenter.signIn(session, browser, display, wait);
    }

    public List<SsoPortal.Account> accounts(SsoSession session, SsoToken token) throws ProblemException {
        return portal.accounts(session, token);
    }

    public List<String> roles(SsoSession session, SsoToken token, String accountId) throws ProblemException {
        return portal.roles(session, token, accountId);
    }

    /** Checks that the role's credentials come, then saves the profile, its session and the token. */
    public void saveSso(SsoSession session, SsoToken token, SsoProfiles.RoleProfile profile) throws ProblemException {
        portal.credentials(session, token, profile.accountId(), profile.roleName());
        ssoProfiles.save(session, token, profile);
    }

    public Map<String, SsoSession> knownSessions() throws ProblemException {
        return ssoProfiles.knownSessions();
    }

    public AccessKeys.Owner checkKeys(String keyId, String secret, String region) throws ProblemException {
        return accessKeys.check(keyId, secret, region);
    }

    public void saveKeys(String profile, String keyId, String secret, String region) throws ProblemException {
        accessKeys.save(profile, keyId, secret, region);
    }

    /**
     * Saves a profile that assumes a role with an MFA code, signed in through another profile's credentials;
     * the code is asked for when AWS needs it ({@link MfaRoleCredentials}).
     */
    public void saveMfaRole(String profile, String roleArn, String sourceProfile, String mfaSerial, String region)
            throws ProblemException {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("role_arn", roleArn.strip());
        keys.put("source_profile", sourceProfile.strip());
        keys.put("mfa_serial", mfaSerial.strip());
        if (!region.isBlank()) {
            keys.put("region", region);
        }
        String section = AwsFiles.configSection(profile);
        writer.change().config(ini -> {
            ini.remove(section, SsoProfiles.OTHER_WAYS);
            ini.remove(section, Set.of("sso_session", "sso_account_id", "sso_role_name"));
            ini.set(section, keys);
        }).write();
    }

    /** The profile's IAM Identity Center, and its account and role, when it signs in that way. */
    public Optional<SsoSession> ssoSessionOf(String profile) throws ProblemException {
        return ssoProfiles.sessionOf(profile);
    }

    public Optional<SsoProfiles.RoleProfile> ssoRoleOf(String profile) throws ProblemException {
        return ssoProfiles.roleOf(profile);
    }

    /**
     * Renews an SSO profile's sign-in without the person: with the cached refresh token, as the SDKs do.
     *
     * @return true when the profile is signed in now (it was still valid, or the refresh worked)
     */
    public boolean renew(String profile) throws ProblemException {
        Optional<SsoSession> session = ssoProfiles.sessionOf(profile);
        if (session.isEmpty()) {
            return false;
        }
        Optional<SsoToken> cached = ssoProfiles.cache().read(session.get().name());
        if (cached.isEmpty()) {
            return false;
        }
        if (cached.get().valid(clock.instant())) {
            return true;
        }
        Optional<SsoToken> renewed = identityCenter.refresh(session.get(), cached.get());
        if (renewed.isPresent()) {
            ssoProfiles.saveToken(session.get(), renewed.get());
            return true;
        }
        return false;
    }

    /** Saves a token got by signing in again, for a profile whose account and role are already chosen. */
    public void saveToken(SsoSession session, SsoToken token) throws ProblemException {
        ssoProfiles.saveToken(session, token);
    }

    /** Every profile of the AWS files, the default first, with how it signs in; never its keys. */
    public List<ProfileSummary> profiles() throws ProblemException {
        String config = writer.readConfig().content();
        String credentials = writer.readCredentials().content();
        Map<String, Profile> profiles = ProfileFile.aggregator()
                .addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build())
                .addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build())
                .build().profiles();
        List<ProfileSummary> result = new ArrayList<>();
        profiles.forEach((name, profile) -> result.add(new ProfileSummary(name, SignInKind.of(profile),
                profile.property("region").orElse(""))));
        result.sort(Comparator.comparing((ProfileSummary p) -> !p.name().equals("default"))
                .thenComparing(ProfileSummary::name));
        return result;
    }

    public Optional<ProfileSummary> profile(String name) throws ProblemException {
        return profiles().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        clients.close();
    }
}
