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
