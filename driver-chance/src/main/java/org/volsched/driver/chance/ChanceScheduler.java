package org.volsched.driver.chance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendStates;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.VolumeDispatcher;
import org.volsched.spi.VolumeStore;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;

/**
 * Cinder's last {@code ChanceScheduler} (rules CS1-CS7): a random up service host not in
 * {@code ignore_hosts}; no filters, no weighers, no retries, and capability reports, capacity,
 * zones and volume types are ignored.
 *
 * <ul>
 *   <li>CS1: the candidates are {@link BackendStates#hostsUp()}: the hosts of the volume services
 *       that are up and not disabled, in database order, without pools.</li>
 *   <li>CS2: none up → {@code NoValidBackend} "Is the appropriate service running?".</li>
 *   <li>CS3, CS4: hosts in {@code ignore_hosts} are removed; none left → {@code NoValidBackend}
 *       "Could not find another host".</li>
 *   <li>CS5: {@code hosts[floor(random() * n)]}, one draw per decision from the scheduler's random
 *       source (seeded by {@code random_seed}).</li>
 *   <li>CS6: the volume's host becomes that service host (no pool, cluster or zone), and the request
 *       is passed to the {@link VolumeDispatcher}. Nothing is consumed.</li>
 * </ul>
 *
 * <p>Cinder raised {@code NoValidHost} ("No valid host was found. …"); its successor
 * {@code NoValidBackend} ("No valid backend was found. …") is raised instead.
 *
 * <p>{@link #backendPassesFilters} and {@link #findRetypeBackend} (CS7) must return a
 * {@link PoolState}, which Cinder's host-level driver never had: for a chosen host they return the
 * first candidate pool whose service host is that host, and raise {@code NoValidBackend} when the
 * host has no pool state (it is up but has not reported capabilities, or reported no pools) —
 * except that a retype whose current host has no pool state goes on as if the host were not a
 * candidate, as Cinder's loop over host states did. Names are compared exactly, as Cinder did,
 * so a pool-qualified name ({@code host@backend#pool}) never matches a host.
 */
final class ChanceScheduler implements SchedulerDriver {
    static final String NAME = "chance";

    private static final Logger LOG = LoggerFactory.getLogger(ChanceScheduler.class);

    private final BackendStates backendStates;
    private final VolumeStore volumeStore;
    private final VolumeDispatcher volumeDispatcher;
    private final RandomGenerator random;

    ChanceScheduler(BackendStates backendStates, VolumeStore volumeStore, VolumeDispatcher volumeDispatcher,
                    RandomGenerator random) {
        this.backendStates = Objects.requireNonNull(backendStates, "backendStates");
        this.volumeStore = Objects.requireNonNull(volumeStore, "volumeStore");
        this.volumeDispatcher = Objects.requireNonNull(volumeDispatcher, "volumeDispatcher");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The chance driver picks a service host; the volume service chooses the pool. */
    @Override
    public boolean choosesPools() {
        return false;
    }

    @Override
    public Placement scheduleCreateVolume(RequestContext context, RequestSpec requestSpec,
                                          FilterProperties filterProperties, DecisionTrace trace) {
        List<String> hosts = candidateHosts(filterProperties, trace);
        if (hosts.isEmpty()) {
            throw NoValidBackend.withReason("Could not find another host");
        }
        trace.setCandidates(hosts);
        String host = hosts.get(Draws.index(random, hosts.size()));
        String volumeId = requestSpec.volumeId();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Chance scheduler placed volume {} on {} (out of {})", volumeId, host, hosts);
        }
        volumeStore.updateHost(volumeId, host, null, null);
        FilterProperties properties = filterProperties == null ? new FilterProperties() : filterProperties;
        volumeDispatcher.createVolume(context, volumeId, host, requestSpec, properties);
        Placement placement = new Placement(host, null, null);
        trace.setSelected(placement);
        return placement;
    }

    @Override
    public PoolState backendPassesFilters(RequestContext context, String backend, RequestSpec requestSpec,
                                          FilterProperties filterProperties) {
        List<String> hosts = candidateHosts(filterProperties, null);
        String reason = "cannot place volume " + requestSpec.volumeId() + " on " + backend;
        if (!hosts.contains(backend)) {
            throw NoValidBackend.withReason(reason);
        }
        return poolOf(backend, reason);
    }

    @Override
    public PoolState findRetypeBackend(RequestContext context, RequestSpec requestSpec,
                                       FilterProperties filterProperties, String migrationPolicy) {
        Object current = requestSpec.volumeProperties().get("host");
        String currentHost = current == null ? null : current.toString();
        FilterProperties properties = filterProperties == null ? new FilterProperties() : filterProperties;
        properties.setVolExistsOn(currentHost);

        List<String> hosts = candidateHosts(properties, null);
        Object type = requestSpec.volumeType() == null ? "None" : requestSpec.volumeType();
        String volume = "volume " + requestSpec.volumeId() + " with type " + type;
        if (hosts.isEmpty()) {
            throw NoValidBackend.withReason("No valid hosts for " + volume);
        }
        if (currentHost != null && hosts.contains(currentHost)) {
            PoolState pool = findPool(currentHost);
            if (pool != null) {
                return pool;
            }
            LOG.warn("Chance scheduler: the current host {} of volume {} has no pool state; treating it as not valid",
                    currentHost, requestSpec.volumeId());
        }
        if ("never".equals(migrationPolicy)) {
            throw NoValidBackend.withReason("Current host not valid for " + volume + ", migration not allowed");
        }
        String host = hosts.get(Draws.index(random, hosts.size()));
        return poolOf(host, "cannot migrate " + volume + " to " + host);
    }

    @Override
    public List<Map<String, Object>> getPools(RequestContext context, Map<String, Object> filters) {
        return backendStates.getPools(filters);
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        backendStates.updateServiceCapabilities(serviceName, host, clusterName, capabilities, timestamp);
    }

    @Override
    public boolean isReady() {
        return backendStates.hasAllCapabilities();
    }

    /**
     * CS1-CS3: the up hosts minus {@code ignore_hosts}, in order. Raises CS2's error when no host is
     * up; returns an empty list when every up host is ignored (the callers' messages differ).
     */
    private List<String> candidateHosts(FilterProperties filterProperties, DecisionTrace trace) {
        List<String> up = backendStates.hostsUp();
        if (up.isEmpty()) {
            throw NoValidBackend.withReason("Is the appropriate service running?");
        }
        List<String> ignore = filterProperties == null ? null : filterProperties.ignoreHosts();
        if (ignore == null || ignore.isEmpty()) {
            return up;
        }
        List<String> hosts = new ArrayList<>(up.size());
        for (String host : up) {
            if (!ignore.contains(host)) {
                hosts.add(host);
            }
        }
        if (trace != null && trace.isDetailed()) {
            trace.addNote("hosts up " + up + ", ignore_hosts " + ignore);
        }
        return hosts;
    }

    /** The pool state standing for a chance host: the first candidate pool of that service host. */
    private PoolState poolOf(String host, String reason) {
        PoolState pool = findPool(host);
        if (pool == null) {
            throw NoValidBackend.withReason(reason + ": the host is up but has no pool state "
                    + "(no capability report, or a report without pools)");
        }
        return pool;
    }

    private PoolState findPool(String host) {
        for (PoolState pool : backendStates.candidates()) {
            if (pool.serviceHost().equals(host)) {
                return pool;
            }
        }
        return null;
    }
}
