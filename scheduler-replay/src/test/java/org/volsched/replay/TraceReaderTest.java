package org.volsched.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TraceReaderTest {
    private static final String HEADER = "{\"volsched_trace\":1,\"volume_types\":{\"gold\":{\"extra_specs\":"
            + "{\"tier\":\"gold\"}}}}\n";

    private static List<TraceEvent> read(String text) {
        TraceReader r = new TraceReader(new BufferedReader(new StringReader(text)), "t.jsonl");
        List<TraceEvent> events = new ArrayList<>();
        TraceEvent e;
        while ((e = r.next()) != null) {
            events.add(e);
        }
        return events;
    }

    @Test
    void readsEveryKindOfEventAndTheHeadersVolumeTypes() {
        String text = HEADER
                + "{\"t\":0.5,\"event\":\"report\",\"host\":\"n1@lvm\"}\n"
                + "\n"
                + "{\"t\":1,\"event\":\"report\",\"host\":\"n1@lvm\",\"capabilities\":{\"pools\":[{\"pool_name\":\"p\","
                + "\"total_capacity_gb\":100,\"free_capacity_gb\":99.5}]}}\n"
                + "{\"t\":2,\"event\":\"service\",\"host\":\"n1@lvm\",\"disabled\":true}\n"
                + "{\"t\":3,\"event\":\"create\",\"id\":\"v1\",\"size\":10,\"volume_type\":\"gold\",\"zone\":\"az-1\"}\n"
                + "{\"t\":4,\"event\":\"create\",\"id\":\"v2\",\"request_spec\":{\"volume_properties\":{\"size\":5}},"
                + "\"filter_properties\":{\"scheduler_hints\":{\"same_host\":\"v1\"}}}\n"
                + "{\"t\":5,\"event\":\"delete\",\"id\":\"v1\"}\n";
        TraceReader r = new TraceReader(new BufferedReader(new StringReader(text)), "t.jsonl");

        assertThat(r.header().volumeTypes().get("gold")).containsEntry("name", "gold").containsEntry("id", "gold")
                .containsEntry("extra_specs", Map.of("tier", "gold"));
        List<TraceEvent> events = read(text);
        assertThat(events).hasSize(6);
        assertThat(events.get(0)).isEqualTo(new TraceEvent.Report(0.5, "n1@lvm", null));
        assertThat(((TraceEvent.Report) events.get(1)).capabilities())
                .isEqualTo(Map.of("pools", List.of(Map.of("pool_name", "p", "total_capacity_gb", 100L,
                        "free_capacity_gb", 99.5))));
        assertThat(events.get(2)).isEqualTo(new TraceEvent.Service(2, "n1@lvm", null, null, null, true, null));
        assertThat(events.get(3)).isEqualTo(TraceEvent.Create.shorthand(3, "v1", 10, "gold", "az-1"));
        TraceEvent.Create full = (TraceEvent.Create) events.get(4);
        assertThat(full.isShorthand()).isFalse();
        assertThat(full.size()).as("from the spec").isEqualTo(5);
        assertThat(events.get(5)).isEqualTo(new TraceEvent.Delete(5, "v1"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{\"t\":1,\"event\":|t.jsonl:3: not valid JSON",
        "a list|[1,2]|t.jsonl:3: expected a JSON object (one event per line), found a list",
        "no time|{\"event\":\"delete\",\"id\":\"v\"}|t.jsonl:3: t: missing; expected the event's time in seconds since the trace's start",
        "time as text|{\"t\":\"soon\",\"event\":\"delete\",\"id\":\"v\"}|t.jsonl:3: t: expected the event's time in seconds since the trace's start (a number), found \"soon\"",
        "time going back|{\"t\":0.5,\"event\":\"delete\",\"id\":\"v\"}|t.jsonl:3: t: events must be in time order: 0.5 is before the previous event's 1.0",
        "unknown event|{\"t\":2,\"event\":\"resize\",\"id\":\"v\"}|t.jsonl:3: event: expected one of create, delete, report, service, found 'resize'",
        "unknown field|{\"t\":2,\"event\":\"delete\",\"id\":\"v\",\"size\":3}|t.jsonl:3: size: not a field of a delete event; it has t, event, id",
        "size as text|{\"t\":2,\"event\":\"create\",\"id\":\"v\",\"size\":\"big\"}|t.jsonl:3: size: expected a whole number of GB of at least 0, found \"big\"",
        "negative size|{\"t\":2,\"event\":\"create\",\"id\":\"v\",\"size\":-1}|t.jsonl:3: size: expected a whole number of GB of at least 0, found -1",
        "unknown type|{\"t\":2,\"event\":\"create\",\"id\":\"v\",\"size\":1,\"volume_type\":\"silver\"}|t.jsonl:3: volume_type: 'silver' is not a volume type of the trace's header; it has gold",
        "spec without properties|{\"t\":2,\"event\":\"create\",\"id\":\"v\",\"request_spec\":{}}|t.jsonl:3: request_spec.volume_properties: expected an object (with the size), found null",
        "capabilities as a list|{\"t\":2,\"event\":\"report\",\"host\":\"h\",\"capabilities\":[]}|t.jsonl:3: capabilities: expected an object, found a list",
        "no host|{\"t\":2,\"event\":\"report\"}|t.jsonl:3: host: missing; expected the reporting service's host",
        "up as text|{\"t\":2,\"event\":\"service\",\"host\":\"h\",\"up\":\"yes\"}|t.jsonl:3: up: expected true or false, found \"yes\"",
    })
    void aBadLineIsNamedWithItsNumberAndField(String what, String line, String message) {
        String text = HEADER + "{\"t\":1,\"event\":\"delete\",\"id\":\"x\"}\n" + line + "\n";

        assertThatThrownBy(() -> read(text)).isInstanceOf(TraceFormatException.class).hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void aHeaderOfAnotherVersionIsRefused() {
        assertThatThrownBy(() -> read("{\"volsched_trace\":2}\n")).hasMessage("t.jsonl:1: volsched_trace: expected 1 "
                + "(the trace format version this volsched reads), found 2");
    }

    @Test
    void whatTheWriterWritesTheReaderReadsBack() {
        List<TraceEvent> events = List.of(new TraceEvent.Report(0, "h@b", Map.of("pools", List.of())),
                new TraceEvent.Service(1.25, "h@b", "c1", "az-9", false, null, true),
                TraceEvent.Create.shorthand(2, "v", 3, null, "az-1"),
                new TraceEvent.Delete(2, "v"));
        java.io.StringWriter w = new java.io.StringWriter();
        TraceWriter writer = new TraceWriter(w);
        writer.header(TraceHeader.empty());
        events.forEach(writer::write);

        assertThat(read(w.toString())).isEqualTo(events);
    }
}
