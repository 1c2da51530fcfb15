package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RetryState;

/** {@link IgnoreAttemptedHostsFilter}: rules IA1 and IA2. */
class IgnoreAttemptedHostsFilterTest {
    private static final PoolState LVM0 = Pools.pool("node1@lvm", "pool0");
    private static final PoolState LVM1 = Pools.pool("node1@lvm", "pool1");
    private static final PoolState CEPH = Pools.pool("node2@ceph", "rbd");
    private static final PoolState CLUSTERED = Pools.clusteredPool("cluster1@nfs", "node3@nfs", "share", Map.of());
    private static final List<PoolState> ALL = List.of(LVM0, LVM1, CEPH, CLUSTERED);

    private final IgnoreAttemptedHostsFilter filter = new IgnoreAttemptedHostsFilter(new TestContext());

    private List<String> survivors(RetryState retry) {
        return Pools.survivors(filter.prepare(new FilterProperties().setRetry(retry)), ALL);
    }

    @Test
    void nameIsTheClassNameNotTheEntryPointName() {
        assertThat(filter.name()).isEqualTo("IgnoreAttemptedHostsFilter");
    }

    // IA1

    @Test
    void ia1WithoutRetryEverythingPasses() {
        assertThat(survivors(null)).hasSize(4);
    }

    @Test
    void ia1AFirstAttemptExcludesNothing() {
        assertThat(survivors(RetryState.firstAttempt())).hasSize(4);
    }

    // IA2

    @Test
    void ia2AttemptedBackendsAreSkipped() {
        assertThat(survivors(new RetryState(2, List.of("node1@lvm#pool0", "node2@ceph#rbd"), List.of())))
                .containsExactly("node1@lvm#pool1", "cluster1@nfs#share");
    }

    @Test
    void ia2BackendsArePreferredOverHosts() {
        assertThat(survivors(new RetryState(2, List.of("node1@lvm#pool0"), List.of("node2@ceph#rbd"))))
                .containsExactly("node1@lvm#pool1", "node2@ceph#rbd", "cluster1@nfs#share");
    }

    @Test
    void ia2AnEmptyBackendsListStillWinsOverHosts() {
        assertThat(survivors(new RetryState(2, List.of(), List.of("node2@ceph#rbd")))).hasSize(4);
    }

    @Test
    void ia2HostsAreUsedWhenThereIsNoBackendsKey() {
        assertThat(survivors(new RetryState(2, null, List.of("node2@ceph#rbd"))))
                .containsExactly("node1@lvm#pool0", "node1@lvm#pool1", "cluster1@nfs#share");
    }

    @Test
    void ia2NeitherListMeansNothingAttempted() {
        assertThat(survivors(new RetryState(2, null, null))).hasSize(4);
    }

    @Test
    void ia2MatchIsThePoolQualifiedBackendIdExactly() {
        // A backend without pool part, another pool, another case, the service host of a clustered pool.
        assertThat(survivors(new RetryState(2, List.of("node1@lvm", "NODE2@ceph#rbd", "node3@nfs#share"), null)))
                .hasSize(4);
        assertThat(survivors(new RetryState(2, List.of("cluster1@nfs#share"), null)))
                .containsExactly("node1@lvm#pool0", "node1@lvm#pool1", "node2@ceph#rbd");
    }

    @Test
    void reasonNamesTheAttemptAndTheTriedBackends() {
        RetryState retry = new RetryState(2, List.of("node1@lvm#pool0"), null);
        assertThat(filter.prepare(new FilterProperties().setRetry(retry)).reason(LVM0))
                .isEqualTo("already attempted (attempt 2, tried [node1@lvm#pool0])");
    }
}
