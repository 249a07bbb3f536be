package dev.hubwizard.deploy;

import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.storage.AtomicFile;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journal on disk, as durable as the app's: a "killed" run leaves exactly this file behind, and
 * the next run starts from a fresh {@code Journal} that reads it. One record per line, fields encoded.
 */
final class FileJournalStore implements JournalStore {

    private final Path file;

    FileJournalStore(Path file) {
        this.file = file;
    }

    @Override
    public List<ResourceRecord> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ResourceRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            Map<String, String> attributes = new LinkedHashMap<>();
            if (!f[5].isEmpty()) {
                for (String pair : f[5].split("&")) {
                    String[] kv = pair.split("=", 2);
                    attributes.put(decode(kv[0]), decode(kv[1]));
                }
            }
            records.add(new ResourceRecord(decode(f[0]), decode(f[1]), decode(f[2]), attributes, decode(f[3]),
                    Instant.parse(f[4])));
        }
        return records;
    }

    @Override
    public void save(List<ResourceRecord> records) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ResourceRecord r : records) {
            List<String> pairs = new ArrayList<>();
            r.sortedAttributes().forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
            text.append(encode(r.kind())).append('\t').append(encode(r.id())).append('\t').append(encode(r.name()))
                    .append('\t').append(encode(r.createdBy())).append('\t').append(r.createdAt()).append('\t')
                    .append(String.join("&", pairs)).append('\n');
        }
        AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
