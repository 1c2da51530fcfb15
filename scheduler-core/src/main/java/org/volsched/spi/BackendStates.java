package org.volsched.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.spi.model.PoolState;

/**
 * The host manager as drivers see it: the current candidates, capacity consumption, capability
 * reports and the pools API.
 */
public interface BackendStates {
    /**
     * The candidate pools of up, enabled backends in Cinder's order (rule HM25). The list is a
     * consistent snapshot: reports arriving meanwhile do not change it.
     */
    List<PoolState> candidates();

    /**
     * Consumes {@code sizeGb} from the pool (rule HM29) so that later decisions see it; returns the
     * consumed state.
     */
    PoolState consume(PoolState pool, double sizeGb);

    /**
     * A number that changes whenever any pool's state changes (a report, a service change, a
     * consumption). A decision notes it before filtering, to learn whether it decided on states
     * that are still current. Implementations that never change concurrently may keep the default.
     */
    default long version() {
        return 0;
    }

    /**
     * Consumes {@code sizeGb} from the pool like {@link #consume}, unless some state changed since
     * {@code seenVersion} and {@code stillFits} refuses the pool's current state (a concurrent
     * decision took the room): then nothing is consumed and {@code null} is returned, so that the
     * caller can decide again. The check and the consumption are atomic.
     */
    default PoolState consumeIfStillFits(PoolState pool, double sizeGb, long seenVersion,
                                         java.util.function.Predicate<PoolState> stillFits) {
        return version() == seenVersion || stillFits.test(pool) ? consume(pool, sizeGb) : null;
    }

    /**
     * Gives back {@code sizeGb} to the pool named {@code host@backend#pool} (rule HM30). As in Cinder, where
     * the next refresh re-applies the stored report, this only has an effect on a pool consumed since its
     * last report.
     */
    void revertConsumed(String poolName, double sizeGb);

    /** Takes a capability report (rules HM7-HM9). */
    void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                   Map<String, Object> capabilities, Instant timestamp);

    /** Rule HM31: {@code [{name, capabilities}]} for every pool, restricted by name and capabilities. */
    List<Map<String, Object>> getPools(Map<String, Object> filters);

    /** Up, enabled service hosts in database order (the chance driver's {@code hosts_up}, CS1). */
    List<String> hostsUp();

    boolean hasAllCapabilities();
}
