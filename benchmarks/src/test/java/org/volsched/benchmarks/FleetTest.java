package org.volsched.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FleetTest {
    @Test
    void sameSeedSameFleet() {
        Fleet a = Fleet.generate(500, Fleet.SEED, true);
        Fleet b = Fleet.generate(500, Fleet.SEED, true);
        assertThat(a.backends()).isEqualTo(b.backends());
    }

    @Test
    void exactlyTheRequestedPoolsMostlyEligible() {
        for (int pools : new int[] {1, 100, 1000, 10000}) {
            Fleet fleet = Fleet.generate(pools, Fleet.SEED, false);
            assertThat(fleet.poolCount()).isEqualTo(pools);
            int reported = fleet.backends().stream()
                    .mapToInt(b -> ((java.util.List<?>) b.capabilities().get("pools")).size()).sum();
            assertThat(reported).isEqualTo(pools);
        }
        Fleet fleet = Fleet.generate(10000, Fleet.SEED, false);
        assertThat(fleet.eligibleCount()).isBetween(5000, 8500);
    }

    @Test
    void mixesProtocolsZonesAndProvisioning() {
        Fleet fleet = Fleet.generate(10000, Fleet.SEED, false);
        Set<Object> protocols = new HashSet<>();
        Set<Object> zones = new HashSet<>();
        Set<Object> thin = new HashSet<>();
        for (Fleet.Backend b : fleet.backends()) {
            protocols.add(b.capabilities().get("storage_protocol"));
            zones.add(b.zone());
            for (Object p : (java.util.List<?>) b.capabilities().get("pools")) {
                thin.add(((Map<?, ?>) p).get("thin_provisioning_support"));
            }
        }
        assertThat(protocols).contains("iSCSI", "FC", "NFS", "NVMe-oF", "ceph");
        assertThat(zones).containsExactlyInAnyOrder("az-1", "az-2", "az-3");
        assertThat(thin).containsExactlyInAnyOrder(true, false);
        assertThat(fleet.backends().size()).isLessThan(fleet.poolCount() / 2);
    }
}
