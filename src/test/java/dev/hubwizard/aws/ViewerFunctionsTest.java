package dev.hubwizard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.testbed.Requirements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudFront function that keeps the hub to its address range, run as CloudFront runs it: its {@code handler}
 * called with a viewer-request event (the event structure of CloudFront Functions), here under Node.js, whose
 * JavaScript is a superset of the cloudfront-js-2.0 runtime's. Each case is an address and whether it gets through.
 */
class ViewerFunctionsTest {

    private static final Path NODE = Path.of("/usr/bin/node");
    /** Loads the function as CloudFront does (a script, no modules) and prints each address's answer. */
    private static final String HARNESS = """
            const vm = require('vm');
            const fs = require('fs');
            const context = vm.createContext({});
            vm.runInContext(fs.readFileSync(process.argv[2], 'utf8'), context);
            const answers = process.argv.slice(3).map(ip => {
              const request = {method: 'GET', uri: '/hub/login', querystring: {}, headers: {}, cookies: {}};
              const event = {version: '1.0', context: {eventType: 'viewer-request'}, viewer: {ip: ip}, request: request};
              const answer = context.handler(event);
              return answer === request ? 'passed' : answer;
            });
            console.log(JSON.stringify(answers));
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void node() {
        Requirements.require(Files.isExecutable(NODE), "Node.js (" + NODE + "), to run the CloudFront function",
                "Run .ci/run once, or: apt-get install nodejs");
    }

    @Test
    void anIpv4RangeLetsInItsOwnAddressesAndTurnsAwayTheRestWith403() throws Exception {
        List<JsonNode> answers = run(List.of("203.0.113.0/24"), "203.0.113.0", "203.0.113.77", "203.0.113.255",
                "203.0.112.255", "203.0.114.1", "198.51.100.7", "2001:db8::1");

        assertThat(answers.subList(0, 3)).allMatch(a -> a.asText().equals("passed"));
        assertThat(answers.subList(3, 7)).allMatch(a -> a.path("statusCode").asInt() == 403);
        JsonNode refused = answers.get(5);
        assertThat(refused.path("body").path("data").asText()).contains("198.51.100.7")
                .contains("addresses its owner chose");
        assertThat(refused.path("headers").path("cache-control").path("value").asText()).isEqualTo("no-store");
    }

    @Test
    void aSingleAddressLetsInThatAddressAlone() throws Exception {
        List<JsonNode> answers = run(List.of("198.51.100.7/32"), "198.51.100.7", "198.51.100.6", "198.51.100.8");

        assertThat(answers).extracting(JsonNode::asText).containsExactly("passed", "", "");
        assertThat(answers.subList(1, 3)).allMatch(a -> a.path("statusCode").asInt() == 403);
    }

    @Test
    void rangesWhoseLengthIsNotAMultipleOfSixteenBitsMaskWithinAWord() throws Exception {
        List<JsonNode> answers = run(List.of("10.0.0.0/9"), "10.127.255.255", "10.128.0.0", "10.0.0.1");

        assertThat(answers).extracting(JsonNode::asText).containsExactly("passed", "", "passed");
    }

    @Test
    void anIpv6RangeMatchesCompressedAndFullFormsAndNeverAnIpv4Viewer() throws Exception {
        List<JsonNode> answers = run(List.of("2001:db8:abcd::/48"), "2001:db8:abcd::1",
                "2001:0db8:abcd:0012:0000:0000:0000:0001", "2001:db8:abce::1", "::1", "203.0.113.7");

        assertThat(answers).extracting(JsonNode::asText).containsExactly("passed", "passed", "", "", "");
    }

    @Test
    void theWholeInternetLetsEveryoneIn() throws Exception {
        List<JsonNode> answers = run(List.of("0.0.0.0/0"), "1.2.3.4", "255.255.255.255");

        assertThat(answers).extracting(JsonNode::asText).containsExactly("passed", "passed");
    }

    @Test
    void theCodeCarriesTheRangesAsJsonAndStaysUnderCloudFrontsTenKilobytes() {
        String code = ViewerFunctions.code(List.of("203.0.113.0/24"));

        assertThat(code).contains("var ALLOWED = [\"203.0.113.0/24\"];").doesNotContain("/*ALLOWED*/");
        assertThat(code.getBytes(StandardCharsets.UTF_8).length).isLessThan(10 * 1024);
    }

    private List<JsonNode> run(List<String> ranges, String... addresses) throws IOException, InterruptedException {
        Path function = Files.writeString(dir.resolve("viewers.js"), ViewerFunctions.code(ranges));
        Path harness = Files.writeString(dir.resolve("harness.js"), HARNESS);
        List<String> command = new ArrayList<>(List.of(NODE.toString(), harness.toString(), function.toString()));
        command.addAll(List.of(addresses));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        List<JsonNode> answers = new ArrayList<>();
        new ObjectMapper().readTree(output).forEach(answers::add);
        return answers;
    }
}
