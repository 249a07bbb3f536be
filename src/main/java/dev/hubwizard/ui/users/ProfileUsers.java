package dev.hubwizard.ui.users;

import dev.hubwizard.aws.signin.MfaCodePrompt;
import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileStore;

/** The users editor's access to a profile's hub: each call with AWS clients of its own, the profile read afresh. */
public final class ProfileUsers implements UsersEditor.Access {

    private final ProfileStore store;
    private final String name;
    private final MfaCodePrompt mfaCodes;

    public ProfileUsers(ProfileStore store, Profile profile, MfaCodePrompt mfaCodes) {
        this.store = store;
        this.name = profile.name();
        this.mfaCodes = mfaCodes;
    }

    @Override
    public HubUsers.Lists read() throws Exception {
        return HubUsers.using(store, store.load(name), mfaCodes, HubUsers::read);
    }

    @Override
    public HubUsers.Change change(HubUserLists wanted) throws Exception {
        Profile profile = store.load(name);
        return HubUsers.using(store, profile, mfaCodes, users -> users.change(profile, wanted));
    }
}
