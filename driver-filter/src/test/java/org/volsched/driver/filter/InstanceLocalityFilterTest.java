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

/** {@link InstanceLocalityFilter}: rules IL1-IL3. */
class InstanceLocalityFilterTest {
    private static final String VM = "6f1c9a52-3a4e-4b7d-9c1e-2d8f0e6a7b90";
    private static final String GONE = "00000000-0000-0000-0000-000000000001";
    private static final String HIDDEN = "00000000-0000-0000-0000-000000000002";

    private static final PoolState NODE1_LVM = Pools.pool("node1@lvm", "pool0");
    private static final PoolState NODE1_NFS = Pools.pool("node1@nfs", "share");
    private static final PoolState NODE2 = Pools.pool("node2@lvm", "pool0");
    private static final PoolState NODE10 = Pools.pool("node10@lvm", "pool0");
    private static final List<PoolState> ALL = List.of(NODE1_LVM, NODE1_NFS, NODE2, NODE10);

    private final TestContext context = new TestContext().instance(VM, "node1").instance(HIDDEN, null);
    private final InstanceLocalityFilter filter = new InstanceLocalityFilter(context);

    private PoolPredicate prepare(Object hint) {
        return filter.prepare(withHints(map("local_to_instance", hint)));
    }

    private static SchedulerException failure(Runnable r) {
        try {
            r.run();
        } catch (SchedulerException e) {
            return e;
        }
        throw new AssertionError("expected a SchedulerException");
    }

    @Test
    void nameAndAlias() {
        assertThat(filter.name()).isEqualTo("InstanceLocalityFilter");
        assertThat(InstanceLocalityFilter.ALIAS)
                .isEqualTo("cinder.scheduler.filters.instance_locality_filter.InstanceLocalityFilter");
    }

    // IL1

    @Test
    void falsyOrMissingHintPassesEverything() {
        for (Object hint : list(null, "", 0L, false, list(), map())) {
            assertThat(Pools.survivors(prepare(hint), ALL)).as(String.valueOf(hint)).hasSize(4);
        }
        assertThat(Pools.survivors(filter.prepare(new FilterProperties()), ALL)).hasSize(4);
        assertThat(Pools.survivors(filter.prepare(new FilterProperties().setSchedulerHints(null, true)), ALL))
                .hasSize(4);
        assertThat(context.instanceQueries()).isEmpty();
    }

    @Test
    void nonUuidHintFailsTheRequestWithInvalidUuid() {
        SchedulerException e = failure(() -> prepare("my-server"));
        assertThat(e.type()).isEqualTo("InvalidUUID");
        assertThat(e.getMessage()).isEqualTo("Expected a UUID but received my-server.");
        assertThat(failure(() -> prepare(5L)).getMessage()).isEqualTo("Expected a UUID but received 5.");
        assertThat(context.instanceQueries()).isEmpty();
    }

    // IL2

    @Test
    void instanceIsLookedUpOncePerRequest() {
        PoolPredicate p = prepare(VM);
        for (int i = 0; i < 3; i++) {
            Pools.survivors(p, ALL);
        }
        assertThat(context.instanceQueries()).containsExactly(VM);
    }

    @Test
    void unknownInstanceFailsWithServerNotFound() {
        SchedulerException e = failure(() -> prepare(GONE));
        assertThat(e.type()).isEqualTo("ServerNotFound");
        assertThat(e.getMessage()).isEqualTo("Instance " + GONE + " could not be found.");
    }

    @Test
    void hiddenHypervisorHostFailsWithCinderException() {
        SchedulerException e = failure(() -> prepare(HIDDEN));
        assertThat(e.type()).isEqualTo("CinderException");
        assertThat(e.getMessage()).isEqualTo("Hint \"local_to_instance\" not supported.");
    }

    @Test
    void missingInstanceLookupIsAClearCinderException() {
        InstanceLocalityFilter unbound = new InstanceLocalityFilter(new TestContext().withoutInstanceLookup());
        assertThat(Pools.survivors(unbound.prepare(withHints(map("local_to_instance", ""))), ALL)).hasSize(4);
        assertThatThrownBy(() -> unbound.prepare(withHints(map("local_to_instance", VM))))
                .isInstanceOf(SchedulerException.class)
                .hasMessageContaining("no instance look-up is configured")
                .hasMessageContaining("InstanceLookup")
                .satisfies(x -> assertThat(((SchedulerException) x).type()).isEqualTo("CinderException"));
    }

    @Test
    void invalidUuidIsCheckedBeforeTheLookupExists() {
        InstanceLocalityFilter unbound = new InstanceLocalityFilter(new TestContext().withoutInstanceLookup());
        assertThat(failure(() -> unbound.prepare(withHints(map("local_to_instance", "x")))).type())
                .isEqualTo("InvalidUUID");
    }

    // IL3

    @Test
    void passesPoolsOnTheInstanceHost() {
        assertThat(Pools.survivors(prepare(VM), ALL)).containsExactly("node1@lvm#pool0", "node1@nfs#share");
    }

    @Test
    void clusteredPoolsUseTheClusterNameHostPart() {
        PoolState clustered = Pools.clusteredPool("node1@cl", "node7@lvm", "pool0", Map.of());
        PoolState otherCluster = Pools.clusteredPool("clusterX@lvm", "node1@lvm", "pool0", Map.of());
        PoolPredicate p = prepare(VM);
        assertThat(p.test(clustered)).isTrue();
        assertThat(p.test(otherCluster)).as("the backend id is the cluster's").isFalse();
    }

    @Test
    void hostPartEqualsFollowsExtractHost() {
        assertThat(InstanceLocalityFilter.hostPartEquals("node1@lvm#pool0", "node1")).isTrue();
        assertThat(InstanceLocalityFilter.hostPartEquals("node1#pool@x", "node1")).isTrue();
        assertThat(InstanceLocalityFilter.hostPartEquals("node1", "node1")).isTrue();
        assertThat(InstanceLocalityFilter.hostPartEquals("node10@lvm#pool0", "node1")).isFalse();
        assertThat(InstanceLocalityFilter.hostPartEquals("node1@lvm#pool0", "node1@lvm")).isFalse();
        for (String id : List.of("node1@lvm#pool0", "node1#pool@x", "a@b@c#d", "x")) {
            assertThat(InstanceLocalityFilter.hostPartEquals(id, PoolState.hostOf(id))).as(id).isTrue();
        }
    }

    @Test
    void reasonNamesBothHosts() {
        assertThat(prepare(VM).reason(NODE2))
                .isEqualTo("InstanceLocalityFilter: pool is on host 'node2', instance " + VM + " runs on 'node1'");
    }
}
