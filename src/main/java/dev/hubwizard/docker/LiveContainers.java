package dev.hubwizard.docker;

import com.github.dockerjava.api.exception.NotFoundException;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The containers this app has running right now. Whatever is still here when the app exits (the
 * window closed mid-test, Ctrl-C in the CLI) is stopped and removed by a shutdown hook, so that no
 * container outlives the app.
 */
public final class LiveContainers {

    /** Long enough for JupyterHub to stop its proxy; the container runs with an init, so it is prompt. */
    static final int STOP_SECONDS = 5;

    private final DockerClients docker;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    /**
     * Removals run here, not on the step's thread: a cancel interrupts that thread right when it
     * cleans up, and an interrupted Docker call would leave the container behind.
     */
    private final ExecutorService remover = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "container-remover");
        thread.setDaemon(true);
        return thread;
    });

    public LiveContainers(DockerClients docker) {
        this.docker = docker;
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "remove-live-containers"));
    }

    void add(String containerId) {
        ids.add(containerId);
    }

    /** Stops and removes a container and waits for it, whatever the calling thread's interrupt status. */
    void remove(String containerId) {
        try {
            CompletableFuture.runAsync(() -> stopAndRemove(containerId), remover).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops and removes every container still running; for the app's exit. */
    public void removeAll() {
        for (String id : Set.copyOf(ids)) {
            try {
                stopAndRemove(id);
            } catch (RuntimeException e) {
                // Docker went away first; nothing more can be done from here.
            }
        }
    }

    /** How many containers are live: the exit dialog can say what it is waiting for. */
    public int count() {
        return ids.size();
    }

    private void stopAndRemove(String containerId) {
        try {
            try {
                docker.client().stopContainerCmd(containerId).withTimeout(STOP_SECONDS).exec();
            } catch (NotFoundException gone) {
                ids.remove(containerId);
                return;
            } catch (RuntimeException notRunning) {
                // Stopped already, or failed to stop: removing with force settles both.
            }
            docker.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // Removed by someone else meanwhile: the goal is reached.
        }
        // Forgotten only once it is really gone, so that the exit hook still tries after a failure.
        ids.remove(containerId);
    }
}
