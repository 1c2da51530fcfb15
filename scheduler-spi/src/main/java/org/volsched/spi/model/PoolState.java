package org.volsched.spi.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.python.Py;
import org.volsched.python.PyException;

/**
 * One candidate: a pool of a backend, as the host manager last saw it (Cinder's {@code PoolState},
 * rules HM17-HM20, P8). Immutable: consuming capacity produces a new state (rule HM29).
 *
 * <p>Every value a filter or weigher needs is parsed once when the report arrives (capacities,
 * reserved percentage, thin support, over-subscription ratio, protocol variants), so that the
 * per-pool work of a decision is comparisons only. The raw reported values stay available for the
 * expression namespaces and {@code JsonFilter}.
 */
public final class PoolState {
    private final String backendKey;
    private final String serviceHost;
    private final String clusterName;
    private final String poolName;
    private final String host;
    private final String poolCluster;
    private final String backendId;
    private final String availabilityZone;
    private final Map<String, Object> service;
    private final Map<String, Object> capabilities;
    private final Object volumeBackendName;
    private final Object vendorName;
    private final Object driverVersion;
    private final Object storageProtocol;
    private final Object qosSupport;
    private final Object totalRaw;
    private final Object freeRaw;
    private final Object allocatedRaw;
    private final Object provisionedRaw;
    private final Object reservedRaw;
    private final Object thinRaw;
    private final Object thickRaw;
    private final Object multiattach;
    private final Object filterFunction;
    private final Object goodnessFunction;
    private final Object maxOverSubscriptionRatioRaw;
    private final String maxOverSubscriptionRatioError;
    private final Instant updated;
    private final int slot;

    private final Capacity total;
    private final Capacity free;
    private final double allocated;
    private final double provisioned;
    private final double reservedPercentage;
    private final boolean thinSupport;
    private final double maxOverSubscriptionRatio;
    private final double virtualFreeThin;
    private final double virtualFreeThick;
    private final double totalAvailableThin;
    private final boolean freeUnbounded;
    private final boolean totalUnbounded;
    private final boolean freeNone;
    private final boolean numericUsable;
    private final boolean freeNumeric;
    private final String filterFunctionText;
    private final String goodnessFunctionText;

    private PoolState(Builder b) {
        this.backendKey = b.backendKey;
        this.serviceHost = b.serviceHost;
        this.clusterName = b.clusterName;
        this.poolName = b.poolName;
        this.host = appendHost(b.serviceHost, b.poolName);
        this.poolCluster = b.clusterName == null || b.clusterName.isEmpty() ? null
                : appendHost(b.clusterName, b.poolName);
        this.backendId = poolCluster != null ? poolCluster : host;
        this.availabilityZone = b.availabilityZone == null ? null : b.availabilityZone.intern();
        this.service = b.service;
        this.capabilities = b.capabilities;
        this.volumeBackendName = b.volumeBackendName;
        this.vendorName = b.vendorName;
        this.driverVersion = b.driverVersion;
        this.storageProtocol = b.storageProtocol;
        this.qosSupport = b.qosSupport;
        this.totalRaw = b.totalRaw;
        this.freeRaw = b.freeRaw;
        this.allocatedRaw = b.allocatedRaw;
        this.provisionedRaw = b.provisionedRaw;
        this.reservedRaw = b.reservedRaw;
        this.thinRaw = b.thinRaw;
        this.thickRaw = b.thickRaw;
        this.multiattach = b.multiattach;
        this.filterFunction = b.filterFunction;
        this.goodnessFunction = b.goodnessFunction;
        this.maxOverSubscriptionRatioRaw = b.mosrRaw;
        this.maxOverSubscriptionRatioError = b.mosrError;
        this.updated = b.updated;
        this.slot = b.slot;
        this.total = Capacity.of(totalRaw);
        this.free = Capacity.of(freeRaw);
        this.allocated = numberOrNaN(allocatedRaw);
        this.provisioned = numberOrNaN(provisionedRaw);
        this.reservedPercentage = numberOrNaN(reservedRaw);
        this.thinSupport = Py.truthy(thinRaw);
        this.maxOverSubscriptionRatio = b.mosrError != null ? Double.NaN : Py.asDouble(b.mosrRaw);
        double ratioUsed = thinSupport ? maxOverSubscriptionRatio : 1;
        this.virtualFreeThin = CapacityMath.virtualFreeOf(total, free, provisioned, thinSupport, ratioUsed,
                reservedPercentage, true);
        this.virtualFreeThick = CapacityMath.virtualFreeOf(total, free, provisioned, thinSupport, ratioUsed,
                reservedPercentage, false);
        this.totalAvailableThin = total.isNumber() && !Double.isNaN(reservedPercentage)
                ? CapacityMath.totalAvailable(total.value(), reservedPercentage, thinSupport, ratioUsed, true)
                : Double.NaN;
        this.freeUnbounded = free.isUnbounded();
        this.totalUnbounded = total.isUnbounded();
        this.freeNone = free.kind() == Capacity.Kind.NONE;
        this.numericUsable = total.isNumber() && total.value() > 0 && !Double.isNaN(provisioned)
                && !Double.isNaN(reservedPercentage) && !(thinSupport && Double.isNaN(maxOverSubscriptionRatio));
        this.freeNumeric = free.isNumber() && !Double.isNaN(free.value());
        Object filterFn = capabilities.get("filter_function");
        this.filterFunctionText = filterFn == null ? null : Py.str(filterFn);
        Object goodnessFn = capabilities.get("goodness_function");
        this.goodnessFunctionText = goodnessFn == null ? null : Py.str(goodnessFn);
    }

    /** True when free or total capacity is {@code infinite} or {@code unknown}. */
    public boolean hasUnboundedCapacity() {
        return freeUnbounded || totalUnbounded;
    }

    /** True when free capacity is {@code infinite} or {@code unknown}. */
    public boolean hasUnboundedFree() {
        return freeUnbounded;
    }

    /** True when total capacity is {@code infinite} or {@code unknown}. */
    public boolean hasUnboundedTotal() {
        return totalUnbounded;
    }

    /** True when the report sent {@code free_capacity_gb: null}. */
    public boolean hasNoFreeCapacity() {
        return freeNone;
    }

    /**
     * {@code str()} of the {@code filter_function} in the pool's capabilities, or {@code null} when
     * it has none (rule DF2); computed once per report.
     */
    public String filterFunctionText() {
        return filterFunctionText;
    }

    /** {@code str()} of the {@code goodness_function} in the pool's capabilities, or {@code null} (rule W12). */
    public String goodnessFunctionText() {
        return goodnessFunctionText;
    }

    /** True when the reported free capacity is a number (the thick path of CM2 compares it). */
    public boolean hasNumericFree() {
        return freeNumeric;
    }

    /**
     * True when the numbers every capacity rule reads are usable: a positive numeric total,
     * numeric provisioned capacity and reserved percentage, and a ratio when thin provisioning is
     * supported ({@link #hasNumericFree()} matters only on the thick path). Precomputed so that
     * the capacity filter reads only this pool's fields.
     */
    public boolean hasUsableCapacityNumbers() {
        return numericUsable;
    }

    /**
     * CM3's virtual free capacity for a thin or a thick request, computed once per report and
     * consumption; NaN where Cinder would raise on the pool's values. Meaningless (NaN or not) for
     * pools with {@code infinite}/{@code unknown} capacities, which callers handle first.
     */
    public double virtualFreeCapacity(boolean thinRequest) {
        return thinRequest ? virtualFreeThin : virtualFreeThick;
    }

    /**
     * Why {@link #virtualFreeCapacity} is NaN for this request: the Python error Cinder would
     * raise; null when it is a number. Only for warnings and explanations (it recomputes).
     */
    public CapacityMath.Problem virtualFreeProblem(boolean thinRequest) {
        return CapacityMath.problemOf(total, free, provisioned, thinSupport,
                thinSupport ? maxOverSubscriptionRatio : 1, reservedPercentage, thinRequest);
    }

    /** CM2's total available capacity for a thin request (rounded); NaN when not computable. */
    public double totalAvailableCapacityThin() {
        return totalAvailableThin;
    }

    private static double numberOrNaN(Object raw) {
        if (Py.isNumber(raw)) {
            return Py.asDouble(raw);
        }
        if (raw instanceof String s) {
            try {
                return Py.toFloat(s);
            } catch (PyException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** P7 {@code append_host}: {@code host#pool}, or {@code host} when either part is empty. */
    public static String appendHost(String host, String pool) {
        if (host == null || host.isEmpty() || pool == null || pool.isEmpty()) {
            return host;
        }
        return host + "#" + pool;
    }

    /** P7 {@code extract_host(s, 'backend')}: the part before the first {@code #}. */
    public static String backendOf(String hostString) {
        int i = hostString.indexOf('#');
        return i < 0 ? hostString : hostString.substring(0, i);
    }

    /** P7 {@code extract_host(s, 'host')}: the part before {@code @} of the backend part. */
    public static String hostOf(String hostString) {
        String backend = backendOf(hostString);
        int i = backend.indexOf('@');
        return i < 0 ? backend : backend.substring(0, i);
    }

    /** P7 {@code extract_host(s, 'pool')}: the pool part, or {@code null}. */
    public static String poolOf(String hostString) {
        String[] parts = hostString.split("#", -1);
        return parts.length == 2 ? parts[1] : null;
    }

    /** The host-manager key of the backend: its cluster name, or its host. */
    public String backendKey() {
        return backendKey;
    }

    /** The service's host ({@code node1@lvm}), without the pool. */
    public String serviceHost() {
        return serviceHost;
    }

    /** The backend's cluster name, without the pool; {@code null} when not clustered. */
    public String clusterName() {
        return clusterName;
    }

    public String poolName() {
        return poolName;
    }

    /** Cinder's pool {@code host}: {@code node1@lvm#pool0}. */
    public String host() {
        return host;
    }

    /** Cinder's pool {@code cluster_name}: {@code cluster#pool0}, or {@code null}. */
    public String poolClusterName() {
        return poolCluster;
    }

    /** The candidate's name: pool cluster name when clustered, else the pool host (rule P8). */
    public String backendId() {
        return backendId;
    }

    /** The zone of the backend's service, interned (zone filters compare zones by reference). */
    public String availabilityZone() {
        return availabilityZone;
    }

    /** The service record as a mapping ({@code host}, {@code cluster_name}, {@code availability_zone}, …). */
    public Map<String, Object> service() {
        return service;
    }

    /** The pool's capabilities as reported, with the backend-level keys Cinder copies in (HM23). */
    public Map<String, Object> capabilities() {
        return capabilities;
    }

    public Object volumeBackendName() {
        return volumeBackendName;
    }

    public Object vendorName() {
        return vendorName;
    }

    public Object driverVersion() {
        return driverVersion;
    }

    /** The protocol: the list of its variants (HM24) or the reported value. */
    public Object storageProtocol() {
        return storageProtocol;
    }

    public Object qosSupport() {
        return qosSupport;
    }

    public Capacity totalCapacity() {
        return total;
    }

    public Capacity freeCapacity() {
        return free;
    }

    public Object allocatedCapacityRaw() {
        return allocatedRaw;
    }

    public Object provisionedCapacityRaw() {
        return provisionedRaw;
    }

    public Object reservedPercentageRaw() {
        return reservedRaw;
    }

    /** Allocated GB as a number (NaN when the report's value is not numeric). */
    public double allocatedCapacityGb() {
        return allocated;
    }

    /** Provisioned GB as a number (NaN when the report's value is not numeric). */
    public double provisionedCapacityGb() {
        return provisioned;
    }

    /** Reserved percentage as a number (NaN when the report's value is not numeric). */
    public double reservedPercentage() {
        return reservedPercentage;
    }

    public Object thinProvisioningSupportRaw() {
        return thinRaw;
    }

    public Object thickProvisioningSupportRaw() {
        return thickRaw;
    }

    /** Python truthiness of {@code thin_provisioning_support}. */
    public boolean thinProvisioningSupport() {
        return thinSupport;
    }

    public Object multiattach() {
        return multiattach;
    }

    public Object filterFunction() {
        return filterFunction;
    }

    public Object goodnessFunction() {
        return goodnessFunction;
    }

    /** The over-subscription ratio per CM1; NaN when it could not be computed (see {@link #maxOverSubscriptionRatioError()}). */
    public double maxOverSubscriptionRatio() {
        return maxOverSubscriptionRatio;
    }

    /** The ratio as Cinder holds it ({@code 20} for {@code auto} without provisioning, else a float). */
    public Object maxOverSubscriptionRatioRaw() {
        return maxOverSubscriptionRatioRaw;
    }

    /** Why CM1 failed for this pool (Cinder would crash the request), or {@code null}. */
    public String maxOverSubscriptionRatioError() {
        return maxOverSubscriptionRatioError;
    }

    /** Time of the report, or of the last consumption (rule HM18). */
    public Instant updated() {
        return updated;
    }

    /** A small integer, stable for this pool while it exists, for per-pool arrays. */
    public int slot() {
        return slot;
    }

    /**
     * The attribute of the state named as in Cinder ({@code free_capacity_gb}, {@code host},
     * {@code capabilities}, …), for {@code JsonFilter} and the expression namespaces; {@code null}
     * for an unknown name.
     */
    public Object attribute(String name) {
        return switch (name) {
            case "host" -> host;
            case "cluster_name" -> poolCluster;
            case "backend_id" -> backendId;
            case "pool_name" -> poolName;
            case "capabilities" -> capabilities;
            case "service" -> service;
            case "volume_backend_name" -> volumeBackendName;
            case "vendor_name" -> vendorName;
            case "driver_version" -> driverVersion;
            case "storage_protocol" -> storageProtocol;
            case "QoS_support" -> qosSupport;
            case "total_capacity_gb" -> totalRaw;
            case "free_capacity_gb" -> freeRaw;
            case "allocated_capacity_gb" -> allocatedRaw;
            case "provisioned_capacity_gb" -> provisionedRaw;
            case "reserved_percentage" -> reservedRaw;
            case "thin_provisioning_support" -> thinRaw;
            case "thick_provisioning_support" -> thickRaw;
            case "max_over_subscription_ratio" -> maxOverSubscriptionRatioRaw;
            case "multiattach" -> multiattach;
            case "filter_function" -> filterFunction;
            case "goodness_function" -> goodnessFunction;
            case "updated" -> updated == null ? null : updated.toString();
            case "pools" -> Map.of();
            default -> null;
        };
    }

    /** The {@code stats} namespace of DriverFilter / GoodnessWeigher (rule DF1, W12). */
    public Map<String, Object> stats(boolean withIds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", host);
        if (withIds) {
            s.put("cluster_name", poolCluster);
            s.put("backend_id", backendId);
        }
        s.put("volume_backend_name", volumeBackendName);
        s.put("vendor_name", vendorName);
        s.put("driver_version", driverVersion);
        s.put("storage_protocol", storageProtocol);
        s.put("QoS_support", qosSupport);
        s.put("total_capacity_gb", totalRaw);
        s.put("allocated_capacity_gb", allocatedRaw);
        s.put("free_capacity_gb", freeRaw);
        s.put("reserved_percentage", reservedRaw);
        s.put("updated", updated == null ? null : updated.toString());
        return s;
    }

    /**
     * The same pool as newly reported at {@code at}: every attribute, the capabilities mapping
     * included (the same object), as this state, only {@code updated} differs. What a report that
     * repeats the one this state was built from gives (see the host manager's repeated reports).
     */
    public PoolState restamped(Instant at) {
        return new PoolState(this, at);
    }

    private PoolState(PoolState o, Instant updated) {
        this.backendKey = o.backendKey;
        this.serviceHost = o.serviceHost;
        this.clusterName = o.clusterName;
        this.poolName = o.poolName;
        this.host = o.host;
        this.poolCluster = o.poolCluster;
        this.backendId = o.backendId;
        this.availabilityZone = o.availabilityZone;
        this.service = o.service;
        this.capabilities = o.capabilities;
        this.volumeBackendName = o.volumeBackendName;
        this.vendorName = o.vendorName;
        this.driverVersion = o.driverVersion;
        this.storageProtocol = o.storageProtocol;
        this.qosSupport = o.qosSupport;
        this.totalRaw = o.totalRaw;
        this.freeRaw = o.freeRaw;
        this.allocatedRaw = o.allocatedRaw;
        this.provisionedRaw = o.provisionedRaw;
        this.reservedRaw = o.reservedRaw;
        this.thinRaw = o.thinRaw;
        this.thickRaw = o.thickRaw;
        this.multiattach = o.multiattach;
        this.filterFunction = o.filterFunction;
        this.goodnessFunction = o.goodnessFunction;
        this.maxOverSubscriptionRatioRaw = o.maxOverSubscriptionRatioRaw;
        this.maxOverSubscriptionRatioError = o.maxOverSubscriptionRatioError;
        this.updated = updated;
        this.slot = o.slot;
        this.total = o.total;
        this.free = o.free;
        this.allocated = o.allocated;
        this.provisioned = o.provisioned;
        this.reservedPercentage = o.reservedPercentage;
        this.thinSupport = o.thinSupport;
        this.maxOverSubscriptionRatio = o.maxOverSubscriptionRatio;
        this.virtualFreeThin = o.virtualFreeThin;
        this.virtualFreeThick = o.virtualFreeThick;
        this.totalAvailableThin = o.totalAvailableThin;
        this.freeUnbounded = o.freeUnbounded;
        this.totalUnbounded = o.totalUnbounded;
        this.freeNone = o.freeNone;
        this.numericUsable = o.numericUsable;
        this.freeNumeric = o.freeNumeric;
        this.filterFunctionText = o.filterFunctionText;
        this.goodnessFunctionText = o.goodnessFunctionText;
    }

    /** A builder holding every attribute of this state, to build a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.backendKey = backendKey;
        b.serviceHost = serviceHost;
        b.clusterName = clusterName;
        b.poolName = poolName;
        b.availabilityZone = availabilityZone;
        b.service = service;
        b.capabilities = capabilities;
        b.volumeBackendName = volumeBackendName;
        b.vendorName = vendorName;
        b.driverVersion = driverVersion;
        b.storageProtocol = storageProtocol;
        b.qosSupport = qosSupport;
        b.totalRaw = totalRaw;
        b.freeRaw = freeRaw;
        b.allocatedRaw = allocatedRaw;
        b.provisionedRaw = provisionedRaw;
        b.reservedRaw = reservedRaw;
        b.thinRaw = thinRaw;
        b.thickRaw = thickRaw;
        b.multiattach = multiattach;
        b.filterFunction = filterFunction;
        b.goodnessFunction = goodnessFunction;
        b.mosrRaw = maxOverSubscriptionRatioRaw;
        b.mosrError = maxOverSubscriptionRatioError;
        b.updated = updated;
        b.slot = slot;
        return b;
    }

    @Override
    public String toString() {
        return backendId + "{total=" + total + ", free=" + free + ", allocated=" + Py.str(allocatedRaw)
                + ", provisioned=" + Py.str(provisionedRaw) + ", reserved=" + Py.str(reservedRaw) + "%}";
    }

    /**
     * Builds pool states from their attributes as reported. The scheduler's host manager fills one
     * from a pool report (with Cinder's defaults for what the report leaves out); a plug-in's tests
     * can fill one directly.
     */
    public static final class Builder {
        private String backendKey;
        private String serviceHost;
        private String clusterName;
        private String poolName;
        private String availabilityZone = "nova";
        private Map<String, Object> service = Map.of();
        private Map<String, Object> capabilities = Map.of();
        private Object volumeBackendName;
        private Object vendorName;
        private Object driverVersion = 0L;
        private Object storageProtocol;
        private Object qosSupport = false;
        private Object totalRaw = 0L;
        private Object freeRaw = 0L;
        private Object allocatedRaw = 0L;
        private Object provisionedRaw = 0L;
        private Object reservedRaw = 0L;
        private Object thinRaw = false;
        private Object thickRaw = false;
        private Object multiattach = false;
        private Object filterFunction;
        private Object goodnessFunction = 0L;
        private Object mosrRaw = 1.0;
        private String mosrError;
        private Instant updated;
        private int slot;

        public Builder backend(String backendKey, String serviceHost, String clusterName) {
            this.backendKey = backendKey;
            this.serviceHost = serviceHost;
            this.clusterName = clusterName;
            return this;
        }

        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        public Builder availabilityZone(String availabilityZone) {
            this.availabilityZone = availabilityZone;
            return this;
        }

        public Builder service(Map<String, Object> service) {
            this.service = service;
            return this;
        }

        public Builder slot(int slot) {
            this.slot = slot;
            return this;
        }

        public Builder updated(Instant updated) {
            this.updated = updated;
            return this;
        }

        /** The pool's capabilities mapping as the scheduler keeps it (what filters and weighers read). */
        public Builder capabilities(Map<String, Object> capabilities) {
            this.capabilities = capabilities;
            return this;
        }

        public Builder volumeBackendName(Object value) {
            this.volumeBackendName = value;
            return this;
        }

        public Builder vendorName(Object value) {
            this.vendorName = value;
            return this;
        }

        public Builder driverVersion(Object value) {
            this.driverVersion = value;
            return this;
        }

        public Builder storageProtocol(Object value) {
            this.storageProtocol = value;
            return this;
        }

        public Builder qosSupport(Object value) {
            this.qosSupport = value;
            return this;
        }

        /** {@code total_capacity_gb} as reported: a number, {@code infinite} or {@code unknown}. */
        public Builder totalCapacity(Object raw) {
            this.totalRaw = raw;
            return this;
        }

        /** {@code free_capacity_gb} as reported: a number, {@code infinite} or {@code unknown}. */
        public Builder freeCapacity(Object raw) {
            this.freeRaw = raw;
            return this;
        }

        public Builder allocatedCapacity(Object raw) {
            this.allocatedRaw = raw;
            return this;
        }

        public Builder provisionedCapacity(Object raw) {
            this.provisionedRaw = raw;
            return this;
        }

        public Builder reservedPercentage(Object raw) {
            this.reservedRaw = raw;
            return this;
        }

        public Builder thinProvisioningSupport(Object raw) {
            this.thinRaw = raw;
            return this;
        }

        public Builder thickProvisioningSupport(Object raw) {
            this.thickRaw = raw;
            return this;
        }

        public Builder multiattach(Object raw) {
            this.multiattach = raw;
            return this;
        }

        public Builder filterFunction(Object raw) {
            this.filterFunction = raw;
            return this;
        }

        public Builder goodnessFunction(Object raw) {
            this.goodnessFunction = raw;
            return this;
        }

        /**
         * The over-subscription ratio the pool works with (rule HM28), or the error computing it
         * gave ({@code error} not {@code null}: the ratio is then not a number).
         */
        public Builder maxOverSubscriptionRatio(Object ratio, String error) {
            this.mosrRaw = ratio;
            this.mosrError = error;
            return this;
        }

        public PoolState build() {
            if (backendKey == null || serviceHost == null || poolName == null) {
                throw new IllegalStateException("a pool state needs its backend and pool name");
            }
            return new PoolState(this);
        }
    }

    /** Storage protocol variants (rule HM24). */
    public static Object protocolVariants(Object protocol) {
        if (protocol instanceof String p) {
            return switch (p) {
                case "iSCSI", "iscsi" -> ISCSI;
                case "FC", "fibre_channel", "fc" -> FC;
                case "NFS", "nfs" -> NFS;
                case "NVMe-oF", "NVMeOF", "nvmeof" -> NVMEOF;
                default -> p;
            };
        }
        return protocol;
    }

    private static final List<Object> ISCSI = List.of("iSCSI", "iscsi");
    private static final List<Object> FC = List.of("FC", "fibre_channel", "fc");
    private static final List<Object> NFS = List.of("NFS", "nfs");
    private static final List<Object> NVMEOF = List.of("NVMe-oF", "NVMeOF", "nvmeof");
}
