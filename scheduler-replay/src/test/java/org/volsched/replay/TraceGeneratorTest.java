package org.volsched.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {
    private static final TraceGenerator.Options OPTIONS = new TraceGenerator.Options(5000, 9, 2.0, 60, 600, 10, 1.2,
            16384);

    private static List<TraceEvent> events(String trace) {
        TraceReader r = new TraceReader(new BufferedReader(new StringReader(trace)), "gen");
        List<TraceEvent> out = new ArrayList<>();
        TraceEvent e;
        while ((e = r.next()) != null) {
            out.add(e);
        }
        return out;
    }

    @Test
    void theSameArgumentsGiveTheSameTraceAndAnotherSeedAnother() {
        String a = Fleets.trace(Fleets.eight(), OPTIONS);

        assertThat(Fleets.trace(Fleets.eight(), OPTIONS)).isEqualTo(a);
        assertThat(Fleets.trace(Fleets.eight(), new TraceGenerator.Options(5000, 10, 2.0, 60, 600, 10, 1.2, 16384)))
                .isNotEqualTo(a);
    }

    @Test
    void requestsHaveHeavyTailedSizesTheFleetsTypesAndZonesAndAPoissonRate() {
        List<TraceEvent.Create> creates = events(Fleets.trace(Fleets.eight(), OPTIONS)).stream()
                .filter(TraceEvent.Create.class::isInstance).map(TraceEvent.Create.class::cast).toList();

        assertThat(creates).hasSize(5000);
        long[] sizes = creates.stream().mapToLong(TraceEvent.Create::size).sorted().toArray();
        assertThat(sizes[0]).isGreaterThanOrEqualTo(10);
        long median = sizes[sizes.length / 2];
        assertThat(median).as("Pareto(10, 1.2): median 10 * 2^(1/1.2) = 17.8").isBetween(16L, 20L);
        assertThat(sizes[sizes.length - 1]).as("a heavy tail").isGreaterThan(50 * median);
        assertThat(creates.stream().map(TraceEvent.Create::volumeType).distinct().sorted().toList())
                .containsExactly("default", "iscsi", "nfs");
        assertThat(creates.stream().map(TraceEvent.Create::zone).distinct().sorted().toList())
                .containsExactly("az-1", "az-2");
        double seconds = creates.get(creates.size() - 1).t();
        assertThat(5000 / seconds).as("2 requests a second on average").isBetween(1.9, 2.1);
    }

    @Test
    void everyBackendReReportsAtTheIntervalAndVolumesAreDeletedAfterTheirLifetime() {
        List<TraceEvent> events = events(Fleets.trace(Fleets.eight(), OPTIONS));
        Map<String, List<Double>> reports = new HashMap<>();
        Map<String, Double> created = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        for (TraceEvent e : events) {
            if (e instanceof TraceEvent.Report r) {
                assertThat(r.capabilities()).as("a re-report marker").isNull();
                reports.computeIfAbsent(r.host(), k -> new ArrayList<>()).add(r.t());
            } else if (e instanceof TraceEvent.Create c) {
                created.put(c.id(), c.t());
            } else if (e instanceof TraceEvent.Delete d) {
                assertThat(created).as("deleted after it was created").containsKey(d.id());
                assertThat(deleted.add(d.id())).as("deleted once").isTrue();
            }
        }
        assertThat(reports).hasSize(8);
        double end = events.get(events.size() - 1).t();
        for (List<Double> times : reports.values()) {
            assertThat(times.size()).isBetween((int) (end / 60) - 1, (int) (end / 60) + 1);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.002));
            }
        }
        assertThat(deleted.size()).as("mean lifetime 600 s over ~2500 s").isGreaterThan(3000);
        assertThat(Arrays.asList(TraceGenerator.volumeTypes(Fleets.eight()).keySet().toArray()))
                .containsExactly("default", "iscsi", "nfs");
    }
}
