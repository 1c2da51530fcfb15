package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;
import static org.volsched.driver.filter.fixtures.Pools.withHints;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.SchedulerException;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;

/** {@link SameBackendFilter} and {@link DifferentBackendFilter}: rules AF1-AF5 and pitfall 18. */
class AffinityFiltersTest {
    private static final String V1 = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String V2 = "11111111-2222-3333-4444-555555555555";
    private static final String V3 = "99999999-8888-7777-6666-555555555555";

    private static final PoolState LVM0 = Pools.pool("node1@lvm", "pool0");
    private static final PoolState LVM1 = Pools.pool("node1@lvm", "pool1");
    private static final PoolState CEPH = Pools.pool("node2@ceph", "rbd");
    private static final List<PoolState> ALL = List.of(LVM0, LVM1, CEPH);

    private final TestContext context = new TestContext()
            .volume("p1", V1, "node1@lvm#pool0", null)
            .volume("p1", V2, "node2@ceph#rbd", null)
            .volume("p2", V3, "node1@lvm#pool1", null);
    private final SameBackendFilter same = new SameBackendFilter(context);
    private final DifferentBackendFilter different = new DifferentBackendFilter(context);

    private List<String> sameSurvivors(Object hint) {
        return Pools.survivors(same.prepare(withHints(map("same_host", hint))), ALL);
    }

    private List<String> differentSurvivors(Object hint) {
        return Pools.survivors(different.prepare(withHints(map("different_host", hint))), ALL);
    }

    @Test
    void namesAndAliases() {
        assertThat(same.name()).isEqualTo("SameBackendFilter");
        assertThat(different.name()).isEqualTo("DifferentBackendFilter");
        assertThat(SameBackendFilter.ALIAS).isEqualTo("cinder.scheduler.filters.affinity_filter.SameBackendFilter");
        assertThat(DifferentBackendFilter.ALIAS)
                .isEqualTo("cinder.scheduler.filters.affinity_filter.DifferentBackendFilter");
    }

    // AF1

    @Test
    void noHintsOrNoKeyPassesEverything() {
        assertThat(Pools.survivors(same.prepare(new FilterProperties()), ALL)).hasSize(3);
        assertThat(Pools.survivors(different.prepare(new FilterProperties().setSchedulerHints(null, true)), ALL))
                .hasSize(3);
        assertThat(Pools.survivors(same.prepare(withHints(map("different_host", list(V1)))), ALL)).hasSize(3);
        assertThat(context.volumeQueries()).isEmpty();
    }

    // AF2

    @Test
    void listWithANonUuidRejectsEverything() {
        assertThat(sameSurvivors(list(V1, "not-a-uuid"))).isEmpty();
        assertThat(differentSurvivors(list(V1, "not-a-uuid"))).isEmpty();
        assertThat(differentSurvivors(list(V1, 5L))).isEmpty();
        assertThat(different.prepare(withHints(map("different_host", list("x")))).reason(LVM0))
                .contains("'x'").contains("not a UUID");
    }

    @Test
    void singleUuidStringIsAOneElementList() {
        assertThat(sameSurvivors(V1)).containsExactly("node1@lvm#pool0");
        assertThat(differentSurvivors(V1)).containsExactly("node1@lvm#pool1", "node2@ceph#rbd");
    }

    @Test
    void anyOtherNonListRejectsEverything() {
        for (Object hint : list("not-a-uuid", null, 5L, map("id", V1), "")) {
            assertThat(sameSurvivors(hint)).as(String.valueOf(hint)).isEmpty();
            assertThat(differentSurvivors(hint)).as(String.valueOf(hint)).isEmpty();
        }
    }

    @Test
    void uuidLikenessFollowsOslo() {
        String hex = V1.replace("-", "");
        for (String ok : List.of(V1, V1.toUpperCase(), hex, "{" + V1 + "}", "{{" + V1 + "}}", "urn:uuid:" + V1,
                "uuid:" + V1, V1 + "-", "--" + hex, "{" + V1, "}" + V1 + "{", "{urn:uuid:" + V1 + "}")) {
            assertThat(UuidLike.test(ok)).as(ok).isTrue();
        }
        for (String bad : List.of(V1.substring(1), V1 + "0", V1.replace('a', 'g'), " " + V1, "0x" + hex.substring(2),
                "URN:" + V1, "u-r-n:" + V1, "{}", "")) {
            assertThat(UuidLike.test(bad)).as(bad).isFalse();
        }
        assertThat(UuidLike.test(null)).isFalse();
        assertThat(UuidLike.test(List.of(V1))).isFalse();
    }

    // AF3

    @Test
    void emptyListPassesEverything() {
        assertThat(sameSurvivors(list())).hasSize(3);
        assertThat(differentSurvivors(list())).hasSize(3);
        assertThat(context.volumeQueries()).isEmpty();
    }

    // AF4

    @Test
    void differentHostMeansDifferentPool() {
        assertThat(differentSurvivors(list(V1))).as("pitfall 18: the other pool of the same backend passes")
                .containsExactly("node1@lvm#pool1", "node2@ceph#rbd");
    }

    @Test
    void lookupIsScopedToTheRequestingProject() {
        assertThat(sameSurvivors(list(V3))).as("V3 belongs to p2").isEmpty();
        assertThat(differentSurvivors(list(V3))).hasSize(3);
        FilterProperties asP2 = new FilterProperties().setContext(RequestContext.of("p2", "u"))
                .setSchedulerHints(map("same_host", list(V3)), true);
        assertThat(Pools.survivors(same.prepare(asP2), ALL)).containsExactly("node1@lvm#pool1");
        assertThat(context.volumeQueries()).contains(V3 + "@p1", V3 + "@p2");
    }

    @Test
    void adminsAreProjectScopedToo() {
        FilterProperties admin = new FilterProperties().setContext(new RequestContext("p1", "admin", "r", true))
                .setSchedulerHints(map("same_host", list(V3)), true);
        assertThat(Pools.survivors(same.prepare(admin), ALL)).isEmpty();
    }

    @Test
    void volumesAreLookedUpOncePerRequest() {
        PoolPredicate p = same.prepare(withHints(map("same_host", list(V1, V2))));
        for (int i = 0; i < 5; i++) {
            Pools.survivors(p, ALL);
        }
        assertThat(context.volumeQueries()).containsExactly(V1 + "@p1", V2 + "@p1");
    }

    @Test
    void legacyVolumeWithoutPoolNeverMatchesAPool() {
        TestContext ctx = new TestContext().volume("p1", V1, "node1@lvm", null);
        PoolPredicate sameP = new SameBackendFilter(ctx).prepare(withHints(map("same_host", V1)));
        PoolPredicate differentP = new DifferentBackendFilter(ctx).prepare(withHints(map("different_host", V1)));
        assertThat(Pools.survivors(sameP, ALL)).isEmpty();
        assertThat(Pools.survivors(differentP, ALL)).hasSize(3);
    }

    @Test
    void clusteredPoolsMatchOnTheVolumeClusterName() {
        PoolState clustered = Pools.clusteredPool("clusterA@lvm", "node1@lvm", "pool0", Map.of());
        TestContext ctx = new TestContext()
                .volume("p1", V1, "node9@lvm#pool0", "clusterA@lvm#pool0")
                .volume("p1", V2, "node1@lvm#pool0", null);
        PoolPredicate byCluster = new SameBackendFilter(ctx).prepare(withHints(map("same_host", V1)));
        assertThat(byCluster.test(clustered)).isTrue();
        assertThat(byCluster.test(LVM0)).as("unclustered pool compares hosts").isFalse();
        PoolPredicate byHost = new SameBackendFilter(ctx).prepare(withHints(map("same_host", V2)));
        assertThat(byHost.test(clustered)).as("a clustered pool ignores the volume's host").isFalse();
        assertThat(byHost.test(LVM0)).isTrue();
    }

    @Test
    void hostMatchingFollowsCindersLevels() {
        assertThat(AffinityHint.locationMatches("h@b#p", "h@b#p")).isTrue();
        assertThat(AffinityHint.locationMatches("h@b#p2", "h@b#p")).isFalse();
        assertThat(AffinityHint.locationMatches("h@b#p", "h@b")).isTrue();
        assertThat(AffinityHint.locationMatches("h@b2#p", "h@b")).isFalse();
        assertThat(AffinityHint.locationMatches("h@b", "h@b")).isTrue();
        assertThat(AffinityHint.locationMatches("h@b#p", "h")).isTrue();
        assertThat(AffinityHint.locationMatches("h@b", "h")).isTrue();
        assertThat(AffinityHint.locationMatches("h#p", "h")).isTrue();
        assertThat(AffinityHint.locationMatches("h2@b", "h")).isFalse();
        assertThat(AffinityHint.locationMatches(null, "h")).isFalse();
    }

    // AF5

    @Test
    void sameHostNeedsJustOneMatchingVolume() {
        assertThat(sameSurvivors(list(V1, V2))).as("pitfall 18").containsExactly("node1@lvm#pool0", "node2@ceph#rbd");
    }

    @Test
    void differentHostNeedsNoMatchingVolume() {
        assertThat(differentSurvivors(list(V1, V2))).containsExactly("node1@lvm#pool1");
    }

    @Test
    void unknownIdsAreSimplyNotFound() {
        String unknown = "ffffffff-ffff-ffff-ffff-ffffffffffff";
        assertThat(sameSurvivors(list(unknown))).isEmpty();
        assertThat(differentSurvivors(list(unknown))).hasSize(3);
        assertThat(same.prepare(withHints(map("same_host", list(unknown)))).reason(LVM0))
                .contains("none of them was found in project p1");
    }

    @Test
    void reasonsNameTheVolumesAndTheirLocations() {
        assertThat(different.prepare(withHints(map("different_host", list(V1)))).reason(LVM0))
                .isEqualTo("DifferentBackendFilter: volume " + V1 + " (different_host) is on node1@lvm#pool0, "
                        + "which is this pool");
        assertThat(same.prepare(withHints(map("same_host", list(V2)))).reason(LVM0))
                .isEqualTo("SameBackendFilter: no same_host volume is on this pool (" + V2 + " is on node2@ceph#rbd)");
    }

    @Test
    void missingVolumeLookupIsAClearError() {
        SameBackendFilter unbound = new SameBackendFilter(new TestContext().withoutVolumeLookup());
        assertThat(Pools.survivors(unbound.prepare(withHints(map("same_host", list()))), ALL)).hasSize(3);
        assertThatThrownBy(() -> unbound.prepare(withHints(map("same_host", list(V1)))))
                .isInstanceOf(SchedulerException.class).hasMessageContaining("no volume look-up is configured")
                .satisfies(e -> assertThat(((SchedulerException) e).type()).isEqualTo("CinderException"));
    }
}
