package org.volsched.spi;

import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.WeighedPool;

/**
 * Everything volsched gives a component it builds: the configuration, the host manager, the
 * configured pipelines and the integrator's services. Plug-ins see only this interface.
 */
public interface SchedulerContext {
    Options options();

    Clock clock();

    /** The scheduler's random source, seeded from {@code random_seed} when configured. */
    RandomGenerator random();

    BackendStates backendStates();

    VolumeStore volumeStore();

    VolumeDispatcher volumeDispatcher();

    VolumeLookup volumeLookup();

    InstanceLookup instanceLookup();

    VolumeCounter volumeCounter();

    /**
     * Runs the configured filters ({@code scheduler_default_filters}) in order (rules FH1-FH6).
     *
     * @return the survivors, in input order
     */
    Candidates filter(Candidates candidates, FilterProperties properties, DecisionTrace trace);

    /**
     * Runs the configured weighers with the configured weight handler (rules W1-W6).
     *
     * @return the candidates, best first
     * @throws SchedulerException {@code SchedulerHostWeigherNotFound} for an unknown weigher
     */
    List<WeighedPool> weigh(Candidates candidates, FilterProperties properties, DecisionTrace trace);
}
