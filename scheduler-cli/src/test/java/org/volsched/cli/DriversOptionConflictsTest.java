package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.WeigherFactory;

/** An option two plug-ins declare differently is listed by {@code drivers}, in text and JSON, and logged once. */
class DriversOptionConflictsTest {
    private static SchedulerPlugin plugin(String name, String weigher, OptionDeclaration option) {
        return new SchedulerPlugin() {
            @Override
            public String pluginName() {
                return name;
            }

            @Override
            public List<WeigherFactory> weigherFactories() {
                return List.of(WeigherFactory.of(weigher, List.of(), List.of(option), context -> {
                    throw new AssertionError("never built");
                }));
            }
        };
    }

    @Test
    void driversListsTheConflictNamingBothOwners() {
        Logger log = (Logger) LoggerFactory.getLogger(PluginRegistry.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        log.addAppender(logs);
        log.setAdditive(false);
        PluginRegistry registry;
        try {
            registry = PluginRegistry.of(List.of(
                    plugin("fast", "FastWeigher", OptionDeclaration.ofDouble("speed_multiplier", 1.0, "Fast.")),
                    plugin("slow", "SlowWeigher", OptionDeclaration.ofInt("speed_multiplier", 1, "Slow."))),
                    List.of());
        } finally {
            log.detachAppender(logs);
            log.setAdditive(true);
        }
        StringWriter text = new StringWriter();
        DriversCommand.print(registry, new PrintWriter(text));
        JsonNode json = DriversCommand.json(registry);

        assertThat(logs.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("option 'speed_multiplier' is declared differently by weigher FastWeigher of plug-in fast");
        assertThat(text.toString()).contains("Options declared differently")
                .contains("option 'speed_multiplier' is declared differently by weigher FastWeigher of plug-in fast");
        assertThat(json.at("/option_conflicts/0/option").asText()).isEqualTo("speed_multiplier");
        assertThat(json.at("/option_conflicts/0/owners")).hasSize(2);
    }
}
