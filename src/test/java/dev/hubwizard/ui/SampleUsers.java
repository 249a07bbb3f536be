package dev.hubwizard.ui;

import dev.hubwizard.deploy.HubUserLists;
import dev.hubwizard.operate.HubUsers;
import dev.hubwizard.ui.users.UsersEditor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A deployed hub's lists for the users editor's screenshot: picked up by the hub 40 s ago. */
final class SampleUsers implements UsersEditor.Access {

    private HubUserLists lists = new HubUserLists(List.of("ms_rivera"),
            List.of("ada", "grace_example_org", "alan", "katherine"));

    @Override
    public HubUsers.Lists read() {
        return new HubUsers.Lists(lists, 4, Optional.of(new HubUsers.PickedUp(Instant.now().minusSeconds(40), 4)));
    }

    @Override
    public HubUsers.Change change(HubUserLists wanted) {
        lists = wanted;
        return new HubUsers.Change(null, Optional.of(5L), Optional.empty());
    }
}
