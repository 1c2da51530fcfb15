package org.volsched.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The conformance scenarios (valid inputs Cinder decided) as seeds to mutate. */
final class Seeds {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> IDS = new ArrayList<>();
    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<ObjectNode> TREES = new ArrayList<>();

    static {
        JsonNode manifest = MAPPER.valueToTree(List.of());
        try {
            manifest = MAPPER.readTree(resource("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (JsonNode entry : manifest) {
            String id = entry.get("id").asText();
            String text = resource(id + ".scenario.json");
            IDS.add(id);
            TEXTS.add(text);
            try {
                TREES.add((ObjectNode) MAPPER.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (IDS.size() < 100) {
            throw new IllegalStateException("expected the conformance scenarios on the test classpath, found "
                    + IDS.size());
        }
    }

    private Seeds() {
    }

    static int count() {
        return IDS.size();
    }

    static String id(int index) {
        return IDS.get(index);
    }

    static String text(int index) {
        return TEXTS.get(index);
    }

    /** A fresh, mutable copy of seed {@code index}. */
    static ObjectNode tree(int index) {
        return TREES.get(index).deepCopy();
    }

    private static String resource(String name) {
        try (InputStream in = Seeds.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing conformance resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
