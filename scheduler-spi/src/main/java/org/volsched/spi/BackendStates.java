package org.volsched.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.PoolState;

/**
 * The host manager as drivers see it: the current candidates, capacity consumption, capability
 * reports and the pools API.
 */
public interface BackendStates {
    /**
     * The candidate pools of up, enabled backends in Cinder's order (rule HM25). Which pools are
     * candidates is fixed for the list; their rows show reports and claims as they happen (see
     * {@link org.volsched.spi.model.PoolTable}), and a choice is claimed against the pool's current
     * state ({@link #claim}).
     */
    Candidates candidates();

    /**
     * Consumes {@code sizeGb} from the pool (rule HM29) so that later decisions see it; returns the
     * consumed state.
     */
    PoolState consume(PoolState pool, double sizeGb);

    /**
     * A number that grows with every change to the candidates or to a pool's state (a report, a
     * service change, a claim). A decision reads it after taking the candidates and before reading
     * them, and hands it to {@link #claim}: a pool changed since then is re-checked.
     * Implementations that never change concurrently may keep the default.
     */
    default long version() {
        return 0;
    }

    /**
     * Claims {@code sizeGb} on the pool a decision chose (rule HM29), so that later decisions see it;
     * returns the pool's state after the claim. When the pool changed since {@code seenVersion} (a
     * concurrent decision claimed on it, or a report arrived), {@code stillFits} is asked about its
     * current state first, and nothing is claimed if it refuses, or if the pool is no longer a
     * candidate: then {@code null} is returned and the caller decides again. Implementations run
     * {@code stillFits} without holding any lock that reports or other decisions need: it runs
     * filters, which may call integrators' look-ups. Implementations that never change concurrently
     * may keep the default.
     */
    default PoolState claim(PoolState decidedOn, double sizeGb, long seenVersion,
                            java.util.function.Predicate<PoolState> stillFits) {
        return version() == seenVersion || stillFits.test(decidedOn) ? consume(decidedOn, sizeGb) : null;
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
