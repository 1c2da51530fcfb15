package org.volsched.driver.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.BackendStates;
import org.volsched.spi.ErrorTypes;
import org.volsched.spi.NoValidBackend;
import org.volsched.spi.SchedulerContext;
import org.volsched.spi.SchedulerDriver;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.Candidates;
import org.volsched.spi.model.DecisionTrace;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.Placement;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.RetryState;
import org.volsched.spi.model.VolumeType;
import org.volsched.spi.model.WeighedPool;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * Cinder's {@code FilterScheduler} (section 5 of the semantics document): retry bookkeeping,
 * the configured filters, the configured weighers and weight handler, the top candidate
 * consumed, the volume updated and the request dispatched.
 */
public final class FilterScheduler implements SchedulerDriver {
    private static final Logger LOG = LoggerFactory.getLogger(FilterScheduler.class);

    private final SchedulerContext context;
    private final BackendStates states;
    private final int maxAttempts;

    /**
     * How many times one request is decided when concurrent decisions keep taking the room on the
     * pool it chose; after that it fails with NoValidBackend rather than over-commit a pool. Each
     * lost claim means another request got the room, so the scheduler as a whole always progresses.
     */
    static final int MAX_DECISIONS = 8;

    /**
     * @throws SchedulerException {@code InvalidParameterValue} when {@code scheduler_max_attempts} is below 1
     */
    public FilterScheduler(SchedulerContext context) {
        this.context = context;
        this.states = context.backendStates();
        this.maxAttempts = context.options().getInt("scheduler_max_attempts");
        if (maxAttempts < 1) {
            throw new SchedulerException(ErrorTypes.INVALID_PARAMETER_VALUE,
                    "Invalid value for 'scheduler_max_attempts', must be >=1");
        }
    }

    @Override
    public String name() {
        return "filter";
    }

    @Override
    public Placement scheduleCreateVolume(RequestContext requestContext, RequestSpec requestSpec,
                                          FilterProperties filterProperties, DecisionTrace trace) {
        FilterProperties props = filterProperties != null ? filterProperties : new FilterProperties();
        WeighedPool chosen = schedule(requestContext, requestSpec, props, trace);
        if (chosen == null) {
            throw NoValidBackend.withReason("No weighed backends available");
        }
        PoolState pool = chosen.pool();
        context.volumeStore().updateHost(requestSpec.volumeId(), pool.host(), pool.poolClusterName(),
                pool.availabilityZone());
        if (props.retry() != null) {
            props.retry().recordAttempt(pool.backendId());
        }
        Placement placement = new Placement(pool.backendId(), chosen.weight(), pool);
        trace.setSelected(placement);
        context.volumeDispatcher().createVolume(requestContext, requestSpec.volumeId(), pool.host(), requestSpec,
                props);
        return placement;
    }

    /** Rules FS8-FS11. */
    private WeighedPool schedule(RequestContext requestContext, RequestSpec spec, FilterProperties props,
                                 DecisionTrace trace) {
        for (int attempt = 1; ; attempt++) {
            states.candidates();   // brings the candidates up to date; what changes after this is re-checked
            long version = states.version();
            List<WeighedPool> weighed = prune(weightedCandidates(requestContext, spec, props, trace, attempt > 1),
                    spec, trace);
            if (weighed.isEmpty()) {
                return null;
            }
            WeighedPool top = weighed.get(0);
            if (spec.volumeId() == null) {
                // Cinder reads request_spec['volume_id'] to update the volume: KeyError, after consuming.
                // volsched refuses before claiming anything.
                throw new SchedulerException(ErrorTypes.KEY_ERROR, "'volume_id': the request spec names no volume, so "
                        + "the scheduler cannot record where it goes");
            }
            double size = sizeOf(spec);
            PoolState consumed = states.claim(top.pool(), size, version,
                    current -> !context.filter(Candidates.of(List.of(current)), props, DecisionTrace.outcomeOnly()).isEmpty());
            if (consumed != null) {
                return new WeighedPool(consumed, top.weight());
            }
            trace.addNote("a concurrent decision took the room on " + top.backendId() + "; decided again");
            if (attempt == MAX_DECISIONS) {
                LOG.warn("Volume {}: concurrent decisions took the room on the chosen pool {} times in a row; "
                        + "giving up rather than over-committing a pool", spec.volumeId(), MAX_DECISIONS);
                return null;
            }
        }
    }

    /** FS9: only the backend the API requires, after weighing. */
    private static List<WeighedPool> prune(List<WeighedPool> weighed, RequestSpec spec, DecisionTrace trace) {
        String resourceBackend = spec.resourceBackend();
        if (!Py.truthy(resourceBackend) || weighed.isEmpty()) {
            return weighed;
        }
        boolean withPool = PoolState.poolOf(resourceBackend) != null;
        List<WeighedPool> kept = new ArrayList<>();
        for (WeighedPool w : weighed) {
            String id = withPool ? w.backendId() : PoolState.backendOf(w.backendId());
            if (id.equals(resourceBackend)) {
                kept.add(w);
            }
        }
        if (kept.size() != weighed.size()) {
            trace.addNote("resource_backend " + resourceBackend + " kept " + kept.size() + " of " + weighed.size()
                    + " weighed candidates");
        }
        return kept;
    }

    private WeighedPool chooseTop(List<WeighedPool> weighed, RequestSpec spec) {
        WeighedPool top = weighed.get(0);
        PoolState consumed = states.consume(top.pool(), sizeOf(spec));
        return new WeighedPool(consumed, top.weight());
    }

    private static double sizeOf(RequestSpec spec) {
        Object size = spec.size();
        try {
            return Py.toFloat(size);
        } catch (PyException e) {
            LOG.warn("Volume {} has size {}, which is not a number; nothing consumed", spec.volumeId(),
                    Py.repr(size));
            return 0;
        }
    }

    /** Rules FS12-FS19. */
    private List<WeighedPool> weightedCandidates(RequestContext requestContext, RequestSpec spec,
                                                 FilterProperties props, DecisionTrace trace) {
        return weightedCandidates(requestContext, spec, props, trace, false);
    }

    /**
     * @param again true when deciding again within one request after a concurrent decision took the
     *     room: the retry state and the reschedule revert were already handled
     */
    private List<WeighedPool> weightedCandidates(RequestContext requestContext, RequestSpec spec,
                                                 FilterProperties props, DecisionTrace trace, boolean again) {
        VolumeType volumeType = spec.volumeType();
        if (again) {
            return filterAndWeigh(props, trace);
        }
        populateRetry(props, spec, trace);
        props.setContext(requestContext);
        props.setRequestSpec(spec);
        props.setVolumeType(volumeType);
        Map<String, Object> vol = spec.volumeProperties();
        props.setSize(vol.get("size"));
        props.setAvailabilityZone(vol.get("availability_zone"));
        props.setUserId(vol.get("user_id"));
        props.setMetadata(vol.get("metadata"));
        props.setQosSpecs(vol.get("qos_specs"));

        RetryState retry = props.retry();
        if (retry != null && retry.backends() != null && !retry.backends().isEmpty()) {
            states.revertConsumed(retry.backends().get(retry.backends().size() - 1), sizeOf(spec));
        }
        return filterAndWeigh(props, trace);
    }

    private List<WeighedPool> filterAndWeigh(FilterProperties props, DecisionTrace trace) {
        Candidates candidates = states.candidates();
        if (trace.isDetailed()) {
            List<String> names = new ArrayList<>(candidates.size());
            for (PoolState p : candidates) {
                names.add(p.backendId());
            }
            trace.setCandidates(names);
        }
        Candidates filtered = context.filter(candidates, props, trace);
        trace.setFiltered(filtered);
        if (filtered.isEmpty()) {
            trace.setWeighed(List.of());
            return List.of();
        }
        List<WeighedPool> weighed = context.weigh(filtered, props, trace);
        trace.setWeighed(weighed);
        return weighed;
    }

    /** Rules FS20-FS23. */
    private void populateRetry(FilterProperties props, RequestSpec spec, DecisionTrace trace) {
        RetryState incoming = props.retry();
        props.setRetry(null);
        if (maxAttempts == 1) {
            return;
        }
        RetryState retry;
        if (incoming != null) {
            Integer attempts = incoming.numAttempts();
            if (attempts == null) {
                LOG.warn("Request for volume {} has a retry state without num_attempts (Cinder fails it with "
                        + "KeyError); counting it as a first attempt", spec.volumeId());
                attempts = 0;
            }
            incoming.setNumAttempts(attempts == Integer.MAX_VALUE ? attempts : attempts + 1);
            retry = incoming;
        } else {
            retry = RetryState.firstAttempt();
        }
        props.setRetry(retry);
        trace.setRetry(retry);
        if (retry.numAttempts() > maxAttempts) {
            throw NoValidBackend.withReason("Exceeded max scheduling attempts " + maxAttempts + " for resource "
                    + (spec.volumeId() == null ? "None" : spec.volumeId()));
        }
    }

    @Override
    public PoolState backendPassesFilters(RequestContext requestContext, String backend, RequestSpec spec,
                                          FilterProperties filterProperties) {
        FilterProperties props = filterProperties != null ? filterProperties : new FilterProperties();
        List<WeighedPool> weighed = weightedCandidates(requestContext, spec, props, DecisionTrace.outcomeOnly());
        boolean withPool = PoolState.poolOf(backend) != null;
        for (WeighedPool w : weighed) {
            String id = withPool ? w.backendId() : PoolState.backendOf(w.backendId());
            if (id.equals(backend)) {
                return w.pool();
            }
        }
        String resource = "volume";
        String id = "??id missing??";
        if (Py.truthy(spec.volumeId())) {
            id = spec.volumeId();
        } else if (Py.truthy(spec.groupId())) {
            resource = "group";
            id = spec.groupId();
        } else if (Py.truthy(spec.snapshotId())) {
            resource = "snapshot";
            id = spec.snapshotId();
        }
        throw NoValidBackend.withMessage("Cannot place " + resource + " " + id + " on " + backend + ".");
    }

    @Override
    public PoolState findRetypeBackend(RequestContext requestContext, RequestSpec spec,
                                       FilterProperties filterProperties, String migrationPolicy) {
        FilterProperties props = filterProperties != null ? filterProperties : new FilterProperties();
        Map<String, Object> vol = spec.volumeProperties();
        Object cluster = vol.get("cluster_name");
        String backend = Py.truthy(cluster) ? Py.str(cluster) : (String) vol.get("host");
        props.setVolExistsOn(backend);
        List<WeighedPool> weighed = weightedCandidates(requestContext, spec, props, DecisionTrace.outcomeOnly());
        String type = String.valueOf(spec.volumeType());
        if (weighed.isEmpty()) {
            throw NoValidBackend.withReason("No valid backends for volume " + spec.volumeId() + " with type " + type);
        }
        for (WeighedPool w : weighed) {
            if (w.backendId().equals(backend)) {
                return w.pool();
            }
        }
        if (backend != null && PoolState.poolOf(backend) == null) {
            for (WeighedPool w : weighed) {
                if (PoolState.backendOf(w.backendId()).equals(backend)) {
                    return w.pool();
                }
            }
        }
        if ("never".equals(migrationPolicy)) {
            throw NoValidBackend.withReason("Current backend not valid for volume " + spec.volumeId() + " with type "
                    + type + ", migration not allowed");
        }
        return chooseTop(weighed, spec).pool();
    }

    @Override
    public List<Map<String, Object>> getPools(RequestContext requestContext, Map<String, Object> filters) {
        Object type = filters == null ? null : filters.get("volume_type");
        List<Map<String, Object>> pools = states.getPools(filters);
        if (!(type instanceof VolumeType volumeType)) {
            return pools;
        }
        FilterProperties props = new FilterProperties()
                .setContext(requestContext)
                .setVolumeType(volumeType)
                .setQosSpecs(volumeType.raw().get("qos_specs"));
        List<PoolState> passing = context.filter(states.candidates(), props, DecisionTrace.outcomeOnly());
        List<String> names = new ArrayList<>();
        for (PoolState p : passing) {
            names.add(PoolState.appendHost(p.backendKey(), p.poolName()));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> pool : pools) {
            if (names.contains(pool.get("name"))) {
                out.add(new LinkedHashMap<>(pool));
            }
        }
        return out;
    }

    @Override
    public void updateServiceCapabilities(String serviceName, String host, String clusterName,
                                          Map<String, Object> capabilities, Instant timestamp) {
        states.updateServiceCapabilities(serviceName, host, clusterName, capabilities, timestamp);
    }

    @Override
    public boolean isReady() {
        return states.hasAllCapabilities();
    }
}
