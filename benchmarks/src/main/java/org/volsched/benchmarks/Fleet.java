package org.volsched.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.volsched.spi.model.CapacityMath;

/**
 * A synthetic but realistic fleet of volume backends, generated from a fixed seed: the capability
 * reports that the backends' volume services would send, and, for the baseline and the sanity
 * tests, the same fleet as primitive arrays.
 *
 * <p>Backends come from six families modelled on common Cinder drivers (LVM, Ceph RBD, NetApp,
 * Pure, PowerMax, LightOS): iSCSI, FC, NFS, NVMe-oF and ceph protocols, thin and thick pools,
 * one to eight pools per backend, three availability zones, and the custom capabilities
 * {@code tier}, {@code disk_type}, {@code replication_enabled} and {@code compression_support}.
 * Numbers are what drivers send: integers for allocated and provisioned space, integers or
 * two-decimal floats for total and free space, ratios as floats or strings.
 *
 * <p>The generator is tuned so that most pools (about two thirds) are eligible for
 * {@link #typicalVolumeType the typical request}: {@value #REQUEST_ZONE} holds about 92% of the
 * backends, and each of the type's three extra specs rejects about 8% of the pools; about 3% of
 * the pools are full (no free space, or thin pools over-subscribed beyond their ratio).
 */
public final class Fleet {
    /** The seed every benchmark builds its fleet from. */
    public static final long SEED = 0x5EED_C1DE_2026L;
    /** The zone the typical request asks for. */
    public static final String REQUEST_ZONE = "az-1";
    /** Zone codes of the primitive arrays: index into this array. */
    static final String[] ZONES = {"az-1", "az-2", "az-3"};
    /** Capability bit: {@code tier} is gold or silver. */
    static final int CAP_TIER = 1;
    /** Capability bit: {@code disk_type} contains {@code ssd}. */
    static final int CAP_SSD = 2;
    /** Capability bit: {@code replication_enabled} is false. */
    static final int CAP_NO_REPLICATION = 4;
    /** Every capability bit the typical volume type requires. */
    static final int CAPS_REQUIRED = CAP_TIER | CAP_SSD | CAP_NO_REPLICATION;

    /** A filter function some backends report (DriverFilter); two operands only (see the compatibility notes). */
    static final List<String> FILTER_FUNCTIONS = List.of(
            "volume.size <= 4096 and stats.total_capacity_gb >= 1000",
            "capabilities.total_capacity_gb > 500 and volume.size < 16384",
            "volume.size < 65536");
    /** Goodness functions some backends report (GoodnessWeigher). */
    static final List<String> GOODNESS_FUNCTIONS = List.of(
            "100 - stats.allocated_capacity_gb / stats.total_capacity_gb * 100",
            "capabilities.free_capacity_gb / capabilities.total_capacity_gb * 100",
            "50");

    private final List<Backend> backends;
    private final int poolCount;
    private final String[] poolIds;
    private final int[] zone;
    private final int[] caps;
    private final double[] virtualFree;
    private final boolean[] eligible;
    private final long[] allocated;
    private final int[] backendOf;

    /**
     * One volume service and the report it sends.
     *
     * @param host the service's host ({@code cinder-vol-00042@netapp})
     * @param capabilities the capability report, with its {@code pools} list
     */
    public record Backend(String host, String zone, Map<String, Object> capabilities) {
    }

    private Fleet(List<Backend> backends, List<String> ids, int[] zone, int[] caps, double[] virtualFree,
                  boolean[] eligible, long[] allocated, int[] backendOf) {
        this.backends = List.copyOf(backends);
        this.poolCount = ids.size();
        this.poolIds = ids.toArray(new String[0]);
        this.zone = zone;
        this.caps = caps;
        this.virtualFree = virtualFree;
        this.eligible = eligible;
        this.allocated = allocated;
        this.backendOf = backendOf;
    }

    /**
     * Generates a fleet of exactly {@code pools} pools.
     *
     * @param withFunctions whether backends report {@code filter_function} and
     *     {@code goodness_function} (for the full chain)
     */
    public static Fleet generate(int pools, long seed, boolean withFunctions) {
        if (pools < 1) {
            throw new IllegalArgumentException("a fleet needs at least one pool, not " + pools);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Backend> backends = new ArrayList<>();
        List<String> ids = new ArrayList<>(pools);
        int[] zones = new int[pools];
        int[] caps = new int[pools];
        double[] free = new double[pools];
        boolean[] ok = new boolean[pools];
        long[] allocated = new long[pools];
        int[] backendOf = new int[pools];
        int made = 0;
        for (int b = 0; made < pools; b++) {
            Family family = Family.values()[random.nextInt(Family.values().length)];
            int n = Math.min(pools - made, family.minPools + random.nextInt(family.maxPools - family.minPools + 1));
            String host = String.format("cinder-vol-%05d@%s", b, family.backendName);
            int zoneIndex = random.nextInt(100) < 92 ? 0 : 1 + random.nextInt(2);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("volume_backend_name", family.backendName);
            report.put("vendor_name", family.vendor);
            report.put("driver_version", family.driverVersion);
            report.put("storage_protocol", family.protocols[random.nextInt(family.protocols.length)]);
            if (withFunctions) {
                report.put("filter_function", FILTER_FUNCTIONS.get(random.nextInt(FILTER_FUNCTIONS.size())));
                report.put("goodness_function", GOODNESS_FUNCTIONS.get(random.nextInt(GOODNESS_FUNCTIONS.size())));
            }
            List<Object> poolReports = new ArrayList<>(n);
            for (int p = 0; p < n; p++) {
                Pool pool = Pool.generate(random, family, p);
                poolReports.add(pool.report);
                ids.add(host + "#" + pool.name);
                zones[made] = zoneIndex;
                caps[made] = pool.caps;
                free[made] = pool.virtualFree;
                ok[made] = zoneIndex == 0 && (pool.caps & CAPS_REQUIRED) == CAPS_REQUIRED && pool.fitsOneGb;
                allocated[made] = (Long) pool.report.get("allocated_capacity_gb");
                backendOf[made] = b;
                made++;
            }
            report.put("pools", Collections.unmodifiableList(poolReports));
            backends.add(new Backend(host, ZONES[zoneIndex], Collections.unmodifiableMap(report)));
        }
        return new Fleet(backends, ids, zones, caps, free, ok, allocated, backendOf);
    }

    /**
     * The typical volume type of the benchmarks: three extra specs, one string alternative, one
     * substring test and one boolean, the shapes operators use most.
     */
    public static Map<String, Object> typicalVolumeType() {
        Map<String, Object> specs = new LinkedHashMap<>();
        specs.put("capabilities:tier", "<or> gold <or> silver");
        specs.put("capabilities:disk_type", "<in> ssd");
        specs.put("capabilities:replication_enabled", "<is> False");
        return Collections.unmodifiableMap(specs);
    }

    public List<Backend> backends() {
        return backends;
    }

    public int poolCount() {
        return poolCount;
    }

    /** The pool's candidate name ({@code host@backend#pool}), in the host manager's candidate order. */
    public String poolId(int i) {
        return poolIds[i];
    }

    /**
     * Whether a 1 GB thin request of the typical type in {@value #REQUEST_ZONE} fits the pool, by
     * this class's own model of the default filters (zone, capacity with over-subscription, the
     * three extra specs); the sanity tests check volsched against it.
     */
    public boolean eligible(int i) {
        return eligible[i];
    }

    /** Number of pools eligible for the typical 1 GB request. */
    public int eligibleCount() {
        int c = 0;
        for (boolean e : eligible) {
            c += e ? 1 : 0;
        }
        return c;
    }

    /** The pool's reported {@code allocated_capacity_gb}. */
    public long reportedAllocated(int i) {
        return allocated[i];
    }

    /** The index in {@link #backends()} of the pool's backend. */
    public int backendOf(int i) {
        return backendOf[i];
    }

    /** Zone of each pool, as an index into the zone names (0 is {@value #REQUEST_ZONE}); a copy. */
    int[] zoneCodes() {
        return zone.clone();
    }

    /** The capability bits of each pool ({@link #CAP_TIER}, …); a copy. */
    int[] capabilityBits() {
        return caps.clone();
    }

    /** Each pool's virtual free capacity for a thin request (rule CM3), as CapacityWeigher weighs it; a copy. */
    double[] virtualFreeThin() {
        return virtualFree.clone();
    }

    /** Backend families: what a kind of driver reports. */
    private enum Family {
        LVM("lvm", "Open Source", "3.0.0", new String[] {"iSCSI"}, 1, 1, 0),
        CEPH("ceph", "Open Source", "1.2.0", new String[] {"ceph"}, 1, 2, 100),
        NETAPP("netapp", "NetApp", "9.12.1", new String[] {"NFS", "iSCSI"}, 2, 8, 60),
        PURE("pure", "Pure Storage", "18.0.0", new String[] {"iSCSI", "FC", "NVMe-oF"}, 1, 2, 100),
        POWERMAX("powermax", "Dell EMC", "4.5.0", new String[] {"FC", "iSCSI"}, 2, 6, 90),
        LIGHTOS("lightos", "LightOS", "2.3.0", new String[] {"NVMe-oF"}, 1, 4, 100);

        final String backendName;
        final String vendor;
        final String driverVersion;
        final String[] protocols;
        final int minPools;
        final int maxPools;
        /** Percentage of this family's pools that are thin. */
        final int thinPercent;

        Family(String backendName, String vendor, String driverVersion, String[] protocols, int minPools,
               int maxPools, int thinPercent) {
            this.backendName = backendName;
            this.vendor = vendor;
            this.driverVersion = driverVersion;
            this.protocols = protocols;
            this.minPools = minPools;
            this.maxPools = maxPools;
            this.thinPercent = thinPercent;
        }
    }

    /** One generated pool: its report and what the model derives from it. */
    private static final class Pool {
        private static final long[] TOTALS = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 250_000};
        private static final String[] POOL_PREFIXES = {"pool", "aggr", "SRP_", "fs", "vol"};
        private static final long[] RESERVED = {0, 0, 5, 10, 15, 20};
        private static final Object[] RATIOS = {20.0, "20.0", 10, "5.0", 2.5, 1.5};

        final String name;
        final Map<String, Object> report;
        final int caps;
        final double virtualFree;
        final boolean fitsOneGb;

        private Pool(String name, Map<String, Object> report, int caps, double virtualFree, boolean fitsOneGb) {
            this.name = name;
            this.report = report;
            this.caps = caps;
            this.virtualFree = virtualFree;
            this.fitsOneGb = fitsOneGb;
        }

        static Pool generate(SplittableRandom random, Family family, int index) {
            String name = family == Family.LVM || family == Family.PURE ? family.backendName + "-" + index
                    : POOL_PREFIXES[random.nextInt(POOL_PREFIXES.length)] + index;
            boolean thin = random.nextInt(100) < family.thinPercent;
            boolean full = random.nextInt(100) < 3;
            long totalBase = TOTALS[random.nextInt(TOTALS.length)];
            boolean fractional = random.nextBoolean();
            double total = fractional ? totalBase - random.nextInt(10_000) / 100.0 : totalBase;
            long reservedPct = RESERVED[random.nextInt(RESERVED.length)];
            double ratio = 1.0;
            Object ratioRaw = "1.0";
            long allocated;
            long provisioned;
            double free;
            if (thin) {
                ratioRaw = RATIOS[random.nextInt(RATIOS.length)];
                ratio = Double.parseDouble(String.valueOf(ratioRaw));
                double usable = total - CapacityMath.reservedCapacity(total, reservedPct);
                double limit = usable * ratio;
                provisioned = full ? (long) Math.ceil(limit) + random.nextInt(1_000)
                        : (long) (limit * (0.05 + 0.75 * random.nextDouble()));
                allocated = (long) (provisioned * (0.3 + 0.5 * random.nextDouble()));
                free = round2(total * (full ? 0.01 * random.nextDouble() : 0.1 + 0.8 * random.nextDouble()));
            } else {
                double usable = total - CapacityMath.reservedCapacity(total, reservedPct);
                allocated = full ? (long) Math.ceil(usable) : (long) (usable * (0.05 + 0.8 * random.nextDouble()));
                provisioned = allocated;
                free = full ? 0 : round2(Math.max(0, total - allocated - random.nextInt(50)));
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("pool_name", name);
            report.put("total_capacity_gb", fractional ? (Object) total : (Object) totalBase);
            report.put("free_capacity_gb", free);
            report.put("allocated_capacity_gb", allocated);
            report.put("provisioned_capacity_gb", provisioned);
            report.put("reserved_percentage", reservedPct);
            report.put("thin_provisioning_support", thin);
            report.put("thick_provisioning_support", !thin || random.nextBoolean());
            report.put("max_over_subscription_ratio", ratioRaw);
            report.put("multiattach", random.nextInt(100) < 60);
            report.put("QoS_support", random.nextBoolean());
            report.put("online_extend_support", random.nextInt(100) < 80);
            int r = random.nextInt(100);
            String tier = r < 8 ? "bronze" : r < 50 ? "gold" : "silver";
            r = random.nextInt(100);
            String disk = r < 8 ? "hdd" : r < 60 ? "ssd" : "nvme-ssd";
            boolean replication = random.nextInt(100) < 8;
            report.put("tier", tier);
            report.put("disk_type", disk);
            report.put("replication_enabled", replication);
            report.put("compression_support", random.nextBoolean());
            int caps = (!"bronze".equals(tier) ? CAP_TIER : 0) | (disk.contains("ssd") ? CAP_SSD : 0)
                    | (replication ? 0 : CAP_NO_REPLICATION);

            double virtualFree = CapacityMath.virtualFree(total, free, provisioned, thin, ratio, reservedPct, true);
            boolean fits;
            if (thin) {
                double available = CapacityMath.totalAvailable(total, reservedPct, true, ratio, true);
                fits = ratio >= 1 && available > 0 && (provisioned + 1) / available <= ratio && virtualFree >= 1;
            } else {
                fits = virtualFree >= 1;
            }
            return new Pool(name, Collections.unmodifiableMap(report), caps, virtualFree, fits);
        }

        private static double round2(double x) {
            return Math.round(x * 100) / 100.0;
        }
    }
}
