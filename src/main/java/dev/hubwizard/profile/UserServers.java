package dev.hubwizard.profile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the users' notebook servers run and, when each runs in its own Fargate task, how.
 *
 * @param placement             in the hub's task (the default) or each in its own Fargate task
 * @param sizes                 with {@link ServerPlacement#FARGATE}: the sizes people may choose, the first being the
 *                              default
 * @param cullIdleMinutes       a server idle this long is stopped, so forgotten servers stop billing; 0 never
 * @param image                 the single-user image the users' tasks run; empty for the one Hub Wizard builds from
 *                              the hub image's {@code singleuser/Dockerfile}
 * @param hoursPerPersonPerWeek for the cost model: how long each person's server runs a week
 * @param sharedFolder          with kept files: a folder at {@code ~/shared} in every server, which admins write and
 *                              everyone else reads (an EFS access point of its own)
 */
public record UserServers(ServerPlacement placement, List<ServerSize> sizes, int cullIdleMinutes, String image,
                          int hoursPerPersonPerWeek, boolean sharedFolder) {

    public static final List<ServerSize> DEFAULT_SIZES = List.of(new ServerSize("Small", 512, 1024),
            new ServerSize("Medium", 1024, 4096), new ServerSize("Large", 4096, 16384));
    public static final int DEFAULT_CULL_IDLE_MINUTES = 60;
    public static final int DEFAULT_HOURS_PER_PERSON_PER_WEEK = 5;
    /** Today's behaviour: every server inside the hub's task. */
    public static final UserServers DEFAULT = new UserServers(ServerPlacement.HUB, DEFAULT_SIZES,
            DEFAULT_CULL_IDLE_MINUTES, "", DEFAULT_HOURS_PER_PERSON_PER_WEEK);
    /** What a hub needs when it runs no notebook itself: the size the hub's task takes with Fargate servers. */
    public static final TaskSize HUB_ALONE = new TaskSize(512, 1024, Architecture.X86_64);

    public UserServers {
        placement = placement == null ? ServerPlacement.HUB : placement;
        sizes = List.copyOf(sizes == null ? List.of() : sizes);
        image = image == null ? "" : image.trim();
    }

    /** Without the shared folder, as profiles from before it read. */
    public UserServers(ServerPlacement placement, List<ServerSize> sizes, int cullIdleMinutes, String image,
                       int hoursPerPersonPerWeek) {
        this(placement, sizes, cullIdleMinutes, image, hoursPerPersonPerWeek, false);
    }

    public boolean onFargate() {
        return placement == ServerPlacement.FARGATE;
    }

    public UserServers withPlacement(ServerPlacement value) {
        return new UserServers(value, sizes, cullIdleMinutes, image, hoursPerPersonPerWeek, sharedFolder);
    }

    public UserServers withSizes(List<ServerSize> value) {
        return new UserServers(placement, value, cullIdleMinutes, image, hoursPerPersonPerWeek, sharedFolder);
    }

    public UserServers withCullIdleMinutes(int value) {
        return new UserServers(placement, sizes, value, image, hoursPerPersonPerWeek, sharedFolder);
    }

    public UserServers withImage(String value) {
        return new UserServers(placement, sizes, cullIdleMinutes, value, hoursPerPersonPerWeek, sharedFolder);
    }

    public UserServers withHoursPerPersonPerWeek(int value) {
        return new UserServers(placement, sizes, cullIdleMinutes, image, value, sharedFolder);
    }

    public UserServers withSharedFolder(boolean value) {
        return new UserServers(placement, sizes, cullIdleMinutes, image, hoursPerPersonPerWeek, value);
    }

    /** The hub's {@code HUB_SERVER_SIZES}: {@code Small=0.5/1, Medium=1/4, Large=4/16}. */
    public String hubSizes() {
        return sizes.stream().map(ServerSize::hubSetting).collect(Collectors.joining(", "));
    }

    /** The hub's {@code HUB_CULL_IDLE_TIMEOUT}: minutes with the unit it reads ({@code 60m}), {@code 0} for never. */
    public String hubCullTimeout() {
        return cullIdleMinutes == 0 ? "0" : cullIdleMinutes + "m";
    }
}
