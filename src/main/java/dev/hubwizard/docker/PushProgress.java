package dev.hubwizard.docker;

import com.github.dockerjava.api.model.ResponseItem;
import dev.hubwizard.engine.Progress;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Follows a push's per-layer messages: bytes sent of bytes to send, layers done, the digest at the end. */
final class PushProgress {

    private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private record Layer(String status, long sent, long size) {
        boolean done() {
            return status.equals("Pushed") || status.equals("Layer already exists") || status.startsWith("Mounted from");
        }
    }

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private String digest;

    /**
     * Takes one message of the push's stream.
     *
     * @return a line for the log when a layer moved on to a new stage; empty for byte counts
     */
    Optional<String> accept(ResponseItem item) {
        if (item.getAux() != null && item.getAux().getDigest() != null) {
            digest = item.getAux().getDigest();
        }
        String status = item.getStatus();
        if (status == null) {
            return Optional.empty();
        }
        if (item.getId() == null || item.getId().isBlank()) {
            Matcher m = DIGEST.matcher(status);
            if (m.find() && digest == null) {
                digest = m.group(1);
            }
            return Optional.of(status);
        }
        Layer before = layers.get(item.getId());
        long sent = before == null ? 0 : before.sent;
        long size = before == null ? 0 : before.size;
        ResponseItem.ProgressDetail detail = item.getProgressDetail();
        if (detail != null && detail.getTotal() != null && detail.getTotal() > 0) {
            size = detail.getTotal();
            sent = detail.getCurrent() == null ? sent : detail.getCurrent();
        }
        Layer now = new Layer(status, sent, size);
        layers.put(item.getId(), now);
        return before != null && before.status.equals(status) ? Optional.empty()
                : Optional.of("layer " + item.getId() + ": " + status);
    }

    /** Bytes sent of bytes known; layers the registry already had count as sent. */
    Progress progress() {
        long sent = 0;
        long size = 0;
        int done = 0;
        for (Layer layer : layers.values()) {
            size += layer.size;
            sent += layer.done() ? layer.size : Math.min(layer.sent, layer.size);
            done += layer.done() ? 1 : 0;
        }
        String message = String.format(Locale.ROOT, "Pushed %d of %d layers", done, layers.size())
                + (size > 0 ? String.format(Locale.ROOT, ", %.1f of %.1f MB", sent / 1e6, size / 1e6) : "");
        return size > 0 ? new Progress(sent, size, message) : Progress.indeterminate(message);
    }

    Optional<String> digest() {
        return Optional.ofNullable(digest);
    }
}
