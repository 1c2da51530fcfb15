package org.volsched.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.spi.DriverFactory;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerPlugin;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * A plug-in whose driver, {@value #DRIVER}, decides nothing: it places every volume on one fixed
 * backend without looking at a pool. With it, {@code Scheduler.createVolume} measures the
 * entrypoint flow's own overhead. Registered only through {@code Scheduler.builder().plugins(...)},
 * never through {@code META-INF/services}, so that it cannot leak into another benchmark.
 */
public final class NoopDriverPlugin implements SchedulerPlugin {
    /** The driver's name, for {@code scheduler_driver}. */
    public static final String DRIVER = "benchmark-noop";
    /** Where the no-op driver places every volume. */
    public static final String BACKEND = "noop-host@noop#pool";

    @Override
    public String pluginName() {
        return "volsched-benchmarks-noop";
    }

    @Override
    public List<DriverFactory> driverFactories() {
        return List.of(DriverFactory.of(DRIVER, List.of(), context -> new NoopDriver()));
    }

    /** The driver that does nothing. Stateless and thread-safe. */
    private static final class NoopDriver implements SchedulerDriver {
        private static final Placement PLACEMENT = new Placement(BACKEND, 1.0, null);

        @Override
        public String name() {
            return DRIVER;
        }

        @Override
        public Placement scheduleCreateVolume(RequestContext context, RequestSpec requestSpec,
                                              FilterProperties filterProperties, DecisionTrace trace) {
            trace.setSelected(PLACEMENT);
            return PLACEMENT;
        }

        @Override
        public PoolState backendPassesFilters(RequestContext context, String backend, RequestSpec requestSpec,
                                              FilterProperties filterProperties) {
            throw NoValidBackend.withReason("the no-op driver has no pools");
        }

        @Override
        public PoolState findRetypeBackend(RequestContext context, RequestSpec requestSpec,
                                           FilterProperties filterProperties, String migrationPolicy) {
            throw NoValidBackend.withReason("the no-op driver has no pools");
        }

        @Override
        public List<Map<String, Object>> getPools(RequestContext context, Map<String, Object> filters) {
            return List.of();
        }

        @Override
        public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                              Map<String, Object> capabilities, Instant timestamp) {
            // the no-op driver keeps no state
        }

        @Override
        public boolean isReady() {
            return true;
        }
    }
}
