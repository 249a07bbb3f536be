package dev.hubwizard.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.hubwizard.engine.Progress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Fed with messages as the engine streams them (JSON, parsed the way docker-java does). */
class PushProgressTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void countsBytesPerLayerAndLogsOnlyStageChanges() throws Exception {
        PushProgress push = new PushProgress();
        List<String> log = new ArrayList<>();
        for (String message : List.of(
                "{\"status\":\"The push refers to repository [127.0.0.1:5000/team-hub]\"}",
                "{\"status\":\"Preparing\",\"id\":\"aaa\"}",
                "{\"status\":\"Preparing\",\"id\":\"bbb\"}",
                "{\"status\":\"Layer already exists\",\"id\":\"bbb\",\"progressDetail\":{}}",
                "{\"status\":\"Pushing\",\"id\":\"aaa\",\"progressDetail\":{\"current\":1000000,\"total\":4000000}}",
                "{\"status\":\"Pushing\",\"id\":\"aaa\",\"progressDetail\":{\"current\":3000000,\"total\":4000000}}")) {
            push.accept(JSON.readValue(message, PushResponseItem.class)).ifPresent(log::add);
        }

        Progress halfway = push.progress();
        assertThat(halfway.done()).isEqualTo(3_000_000);
        assertThat(halfway.total()).isEqualTo(4_000_000);
        assertThat(halfway.message()).isEqualTo("Pushed 1 of 2 layers, 3.0 of 4.0 MB");
        assertThat(log).containsExactly("The push refers to repository [127.0.0.1:5000/team-hub]", "layer aaa: Preparing",
                "layer bbb: Preparing", "layer bbb: Layer already exists", "layer aaa: Pushing");

        push.accept(JSON.readValue("{\"status\":\"Pushed\",\"id\":\"aaa\",\"progressDetail\":{}}", PushResponseItem.class));
        String digest = "sha256:" + "ab".repeat(32);
        push.accept(JSON.readValue("{\"status\":\"v1: digest: " + digest + " size: 527\"}", PushResponseItem.class));

        assertThat(push.progress().fraction()).isEqualTo(1.0);
        assertThat(push.digest()).contains(digest);
    }

    @Test
    void theAuxDigestCountsToo() throws Exception {
        PushProgress push = new PushProgress();
        String digest = "sha256:" + "cd".repeat(32);

        push.accept(JSON.readValue("{\"progressDetail\":{},\"aux\":{\"Tag\":\"v1\",\"Digest\":\"" + digest + "\",\"Size\":527}}",
                PushResponseItem.class));

        assertThat(push.digest()).contains(digest);
        assertThat(push.progress().isDeterminate()).isFalse();
    }
}
