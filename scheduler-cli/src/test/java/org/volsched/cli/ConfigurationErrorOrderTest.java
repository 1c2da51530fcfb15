package org.volsched.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.core.bootstrap.Scheduler;
import org.volsched.core.config.SchedulerConfig;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.ServiceInfo;
import org.volsched.spi.model.Volume;

/**
 * When a configuration has several problems, the error is the one Cinder meets first: the driver is
 * imported, its construction builds the host manager, which resolves the filters (HM6) and then the
 * weight handler; only then does the filter driver check {@code scheduler_max_attempts} (FS1);
 * weighers are resolved when a request is weighed (HM6). Each test has two problems at once. An
 * unknown filter fails each request (the scheduler still builds, as it did with only that problem);
 * the others that stop start-up fail {@code build()}.
 */
class ConfigurationErrorOrderTest {
    private static final List<String> UNKNOWN_FILTER = List.of("AvailabilityZoneFilter", "RetryFilter");

    /**
     * The first error: what building the scheduler throws, else what a request on a one-pool fleet
     * fails with.
     */
    private static Throwable build(Map<String, Object> options) {
        SchedulerConfig.Builder config = SchedulerConfig.builder();
        options.forEach((k, v) -> config.set(k, v, "test"));
        Scheduler scheduler;
        try {
            scheduler = Scheduler.builder().config(config.build()).build();
        } catch (RuntimeException e) {
            return e;
        }
        scheduler.hostManager().addServiceIfAbsent(new ServiceInfo("node1@lvm", null, "nova", false, false,
                Instant.now()));
        scheduler.hostManager().updateServiceCapabilities("volume", "node1@lvm", null, Map.of("pools",
                List.of(Map.of("pool_name", "p", "total_capacity_gb", 100, "free_capacity_gb", 100))), Instant.now());
        RequestSpec spec = RequestSpec.of("vol-1", 1, "nova", null);
        Volume volume = new Volume("vol-1", 1L, "nova", null, null, "p1", "u1");
        DecisionTrace trace = DecisionTrace.outcomeOnly();
        // The flow re-raises every error but NoValidBackend (rule F8), after recording it in the trace.
        Throwable raised = catchThrowable(() -> scheduler.createVolume(new RequestContext("p1", "u1", "req-1", false),
                spec, new FilterProperties(), volume, null, null, null, trace));
        assertThat(raised).isSameAs(trace.failure());
        return trace.failure();
    }

    private static String type(Throwable t) {
        assertThat(t).isInstanceOf(SchedulerException.class);
        return ((SchedulerException) t).type();
    }

    @Test
    void anUnknownFilterComesBeforeABadMaxAttempts() {
        Throwable t = build(Map.of("scheduler_default_filters", UNKNOWN_FILTER, "scheduler_max_attempts", 0));

        assertThat(type(t)).isEqualTo(ErrorTypes.FILTER_NOT_FOUND);
        assertThat(t).hasMessage("Scheduler Host Filter RetryFilter could not be found.");
    }

    @Test
    void anUnknownFilterFailsTheChanceDriverToo() {
        Throwable t = build(Map.of("scheduler_driver", "ChanceScheduler", "scheduler_default_filters", UNKNOWN_FILTER));

        assertThat(type(t)).isEqualTo(ErrorTypes.FILTER_NOT_FOUND);
    }

    @Test
    void anUnknownFilterComesBeforeAnUnknownWeightHandler() {
        Throwable t = build(Map.of("scheduler_default_filters", UNKNOWN_FILTER,
                "scheduler_weight_handler", "FairWeightHandler"));

        assertThat(type(t)).isEqualTo(ErrorTypes.FILTER_NOT_FOUND);
    }

    @Test
    void anUnknownWeightHandlerComesBeforeABadMaxAttempts() {
        Throwable t = build(Map.of("scheduler_weight_handler", "FairWeightHandler", "scheduler_max_attempts", 0));

        assertThat(t).isInstanceOf(InvalidConfiguration.class).hasMessageContaining("scheduler_weight_handler");
    }

    @Test
    void aBadMaxAttemptsComesBeforeAnUnknownWeigher() {
        Throwable t = build(Map.of("scheduler_default_weighers", List.of("NoSuchWeigher"),
                "scheduler_max_attempts", 0));

        assertThat(type(t)).isEqualTo(ErrorTypes.INVALID_PARAMETER_VALUE);
    }

    @Test
    void anUnknownWeigherAloneFailsTheRequestWhenItIsWeighed() {
        Throwable t = build(Map.of("scheduler_default_weighers", List.of("NoSuchWeigher")));

        assertThat(type(t)).isEqualTo(ErrorTypes.WEIGHER_NOT_FOUND);
    }

    @Test
    void anUnknownDriverComesBeforeEverything() {
        Throwable t = build(Map.of("scheduler_driver", "FancyScheduler", "scheduler_default_filters", UNKNOWN_FILTER,
                "scheduler_max_attempts", 0));

        assertThat(t).isInstanceOf(InvalidConfiguration.class).hasMessageContaining("scheduler_driver")
                .hasMessageContaining("FancyScheduler");
    }

    @Test
    void anUnknownFilterComesBeforeAnUnknownWeigher() {
        Throwable t = build(Map.of("scheduler_default_filters", UNKNOWN_FILTER,
                "scheduler_default_weighers", List.of("NoSuchWeigher")));

        assertThat(type(t)).isEqualTo(ErrorTypes.FILTER_NOT_FOUND);
    }

    @Test
    void theCommandLineWritesCinderDecisionForTheFirstError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path scenario = dir.resolve("both.scenario.json");
        java.nio.file.Files.writeString(scenario, """
                {"config": {"scheduler_default_filters": ["AvailabilityZoneFilter", "RetryFilter"],
                            "scheduler_max_attempts": 0},
                 "backends": [{"host": "node1@lvm", "capabilities": {"pools": [{"pool_name": "p",
                     "total_capacity_gb": 100, "free_capacity_gb": 100}]}}],
                 "request": {"request_spec": {"volume_id": "v1", "volume_properties": {"size": 1}}}}
                """);

        Cli.Run run = Cli.run("schedule", scenario.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).contains("\"type\" : \"SchedulerHostFilterNotFound\"");
        assertThat(run.err()).contains("unknown filter 'RetryFilter'").doesNotContain("scheduler_max_attempts");
    }

    @Test
    void validateStillListsEveryProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path scenario = dir.resolve("both.scenario.json");
        java.nio.file.Files.writeString(scenario, """
                {"config": {"scheduler_default_filters": ["AvailabilityZoneFilter", "RetryFilter"],
                            "scheduler_max_attempts": 0},
                 "backends": [],
                 "request": {"request_spec": {"volume_id": "v1", "volume_properties": {"size": 1}}}}
                """);

        Cli.Run run = Cli.run("validate", scenario.toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.out()).contains("unknown filter 'RetryFilter'")
                .contains("config.scheduler_max_attempts = 0: refused by driver 'filter' when the scheduler starts: "
                        + "InvalidParameterValue")
                .contains("2 errors");
    }
}
