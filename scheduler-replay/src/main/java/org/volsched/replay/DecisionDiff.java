package org.volsched.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests two replays of one trace decided differently: read from their {@code decisions.jsonl},
 * which list the same requests in the same order.
 *
 * @param differing how many requests got a different pool or error
 * @param compared how many requests both decided
 * @param examples the first differences, at most the number asked for
 */
public record DecisionDiff(String a, String b, long compared, long differing, List<Example> examples) {
    private static final JsonFactory JSON = new JsonFactory();

    /** One request decided differently: {@code outcomeA} and {@code outcomeB} are pools or error types. */
    public record Example(long n, double t, String id, long size, String outcomeA, String outcomeB) {
    }

    private record Line(long n, double t, String id, long size, String outcome) {
    }

    public static DecisionDiff compare(String a, Path decisionsA, String b, Path decisionsB, int keep) {
        long compared = 0;
        long differing = 0;
        List<Example> examples = new ArrayList<>();
        try (BufferedReader ra = Files.newBufferedReader(decisionsA, StandardCharsets.UTF_8);
             BufferedReader rb = Files.newBufferedReader(decisionsB, StandardCharsets.UTF_8)) {
            String la;
            String lb;
            while ((la = ra.readLine()) != null && (lb = rb.readLine()) != null) {
                Line x = parse(la);
                Line y = parse(lb);
                if (x.n() != y.n()) {
                    throw new IllegalArgumentException(decisionsA + " and " + decisionsB + " do not decide the same "
                            + "requests (request " + x.n() + " against " + y.n() + ")");
                }
                compared++;
                if (!x.outcome().equals(y.outcome())) {
                    differing++;
                    if (examples.size() < keep) {
                        examples.add(new Example(x.n(), x.t(), x.id(), x.size(), x.outcome(), y.outcome()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DecisionDiff(a, b, compared, differing, List.copyOf(examples));
    }

    private static Line parse(String line) throws IOException {
        long n = 0;
        double t = 0;
        String id = null;
        long size = 0;
        String outcome = null;
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                p.nextToken();
                switch (f) {
                    case "n" -> n = p.getLongValue();
                    case "t" -> t = p.getDoubleValue();
                    case "id" -> id = p.getText();
                    case "size" -> size = p.getLongValue();
                    case "pool" -> outcome = p.getText();
                    case "error" -> outcome = "error: " + p.getText();
                    default -> p.skipChildren();
                }
            }
        }
        return new Line(n, t, id, size, String.valueOf(outcome));
    }
}
