package org.volsched.driver.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.volsched.driver.filter.fixtures.Pools.list;
import static org.volsched.driver.filter.fixtures.Pools.map;
import static org.volsched.driver.filter.fixtures.Pools.withCaps;
import static org.volsched.driver.filter.fixtures.Pools.withExtraSpecs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.volsched.testing.TestContext;
import org.volsched.driver.filter.fixtures.Pools;
import org.volsched.spi.BackendFilter.PoolPredicate;
import org.volsched.spi.model.FilterProperties;
import org.volsched.spi.model.PoolState;
import org.volsched.spi.model.RequestContext;
import org.volsched.spi.model.RequestSpec;
import org.volsched.spi.model.VolumeType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.volsched.testing.CapturedLogs;

/** {@link CapabilitiesFilter}: rules CAP1-CAP4 and pitfalls 8-11. */
class CapabilitiesFilterTest {
    private final CapabilitiesFilter filter = new CapabilitiesFilter(new TestContext());

    @RegisterExtension
    final CapturedLogs logs = CapturedLogs.of(CapabilitiesFilter.class).expecting(
            "CapabilitiesFilter: rejected pool \\S+ where Cinder would fail the whole request: [A-Za-z]+Error: .+");

    private boolean passes(Map<String, Object> extraSpecs, Map<String, Object> capabilities) {
        return filter.prepare(withExtraSpecs(extraSpecs)).test(withCaps(capabilities));
    }

    private String reason(Map<String, Object> extraSpecs, Map<String, Object> capabilities) {
        return filter.prepare(withExtraSpecs(extraSpecs)).reason(withCaps(capabilities));
    }

    @Test
    void nameAndAlias() {
        assertThat(filter.name()).isEqualTo("CapabilitiesFilter");
        assertThat(CapabilitiesFilter.ALIAS).isEqualTo("cinder.scheduler.filters.capabilities_filter.CapabilitiesFilter");
    }

    // CAP1

    private static FilterProperties extend(String attachStatus, Map<String, Object> extraSpecs) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("size", 10L);
        props.put("attach_status", attachStatus);
        VolumeType type = VolumeType.of("t", extraSpecs);
        RequestSpec spec = new RequestSpec("v1", null, null, null, null, props, type, List.of(), null,
                "extend_volume", false, Map.of());
        return new FilterProperties().setContext(RequestContext.of("p1", "u1")).setRequestSpec(spec)
                .setVolumeType(type);
    }

    @Test
    void extendOfAttachedVolumeFailsWhereOnlineExtendIsFalse() {
        PoolPredicate p = filter.prepare(extend("attached", Map.of()));
        assertThat(p.test(withCaps(map("online_extend_support", false)))).isFalse();
        assertThat(p.reason(withCaps(map("online_extend_support", false))))
                .contains("online_extend_support is False").contains("'attached'");
    }

    @Test
    void extendGuardNeedsFalseItselfAndAnAttachedVolume() {
        PoolPredicate attached = filter.prepare(extend("attached", Map.of()));
        assertThat(attached.test(withCaps(map()))).as("absent means True").isTrue();
        assertThat(attached.test(withCaps(map("online_extend_support", 0L)))).as("0 is not False").isTrue();
        assertThat(attached.test(withCaps(map("online_extend_support", "False")))).isTrue();
        assertThat(attached.test(withCaps(map("online_extend_support", null)))).isTrue();
        PoolPredicate detached = filter.prepare(extend("detached", Map.of()));
        assertThat(detached.test(withCaps(map("online_extend_support", false)))).isTrue();
        PoolPredicate unknown = filter.prepare(extend(null, Map.of()));
        assertThat(unknown.test(withCaps(map("online_extend_support", false)))).as("None != 'detached'").isFalse();
    }

    @Test
    void extendGuardDoesNotApplyToCreate() {
        FilterProperties create = withExtraSpecs(Map.of()).setRequestSpec(
                RequestSpec.of("v1", 10, "nova", VolumeType.of("t", Map.of())));
        assertThat(filter.prepare(create).test(withCaps(map("online_extend_support", false)))).isTrue();
    }

    @Test
    void extendGuardComesBeforeExtraSpecs() {
        PoolPredicate p = filter.prepare(extend("attached", map("tier", "gold")));
        assertThat(p.test(withCaps(map("online_extend_support", false, "tier", "gold")))).isFalse();
        assertThat(p.test(withCaps(map("tier", "gold")))).isTrue();
        assertThat(p.test(withCaps(map("tier", "bronze")))).isFalse();
    }

    // CAP2

    @Test
    void noTypeOrNoExtraSpecsPasses() {
        FilterProperties noType = new FilterProperties();
        assertThat(filter.prepare(noType).test(withCaps(map()))).isTrue();
        assertThat(passes(Map.of(), map())).isTrue();
        FilterProperties nullSpecs = new FilterProperties()
                .setVolumeType(new VolumeType("t", "t", null, null, Map.of(), false));
        assertThat(filter.prepare(nullSpecs).test(withCaps(map()))).isTrue();
    }

    @Test
    void legacyPairListTypeRejectsWithReasonInsteadOfCrashing() {
        FilterProperties legacy = new FilterProperties()
                .setVolumeType(new VolumeType("t", "gold", map("tier", "gold"), null, map("id", "t"), true));
        PoolPredicate p = filter.prepare(legacy);
        assertThat(p.test(withCaps(map("tier", "gold")))).isFalse();
        assertThat(p.reason(withCaps(map("tier", "gold")))).contains("AttributeError");
        assertThat(logs.warnings()).singleElement().asString().contains("AttributeError", "without a request spec");
    }

    // CAP3

    @Test
    void unscopedKeyIsLookedUpDirectly() {
        assertThat(passes(map("tier", "gold"), map("tier", "gold"))).isTrue();
        assertThat(passes(map("tier", "gold"), map("tier", "bronze"))).isFalse();
    }

    @Test
    void capabilitiesScopeIsStripped() {
        assertThat(passes(map("capabilities:tier", "<in> gol"), map("tier", "gold"))).isTrue();
        assertThat(passes(map("capabilities:tier", "<in> gol"), map("tier", "bronze"))).isFalse();
    }

    @Test
    void otherScopesAreIgnored() {
        Map<String, Object> caps = map("tier", "bronze");
        assertThat(passes(map("provisioning:type", "thick"), caps)).as("pitfall 10").isTrue();
        assertThat(passes(map("QoS:maxIOPS", "5000"), caps)).isTrue();
        assertThat(passes(map("RESKEY:availability_zones", "nova"), caps)).isTrue();
        assertThat(passes(map("hpe3par:cpg", "FC_r5"), caps)).isTrue();
        assertThat(passes(map(":tier", "gold"), caps)).as("an empty scope is a scope").isTrue();
        assertThat(passes(map("Capabilities:tier", "gold"), caps)).as("scope is case-sensitive").isTrue();
    }

    @Test
    void missingCapabilityFails() {
        assertThat(passes(map("tier", "gold"), map())).isFalse();
        assertThat(reason(map("capabilities:tier", "<in> gold"), map()))
                .isEqualTo("CapabilitiesFilter: capabilities:tier is not reported, extra spec requires '<in> gold'");
    }

    @Test
    void nestedKeysAreLookedUpPathWise() {
        Map<String, Object> caps = map("a", map("b", map("c", "x")));
        assertThat(passes(map("capabilities:a:b:c", "x"), caps)).isTrue();
        assertThat(passes(map("capabilities:a:b:c", "y"), caps)).isFalse();
        assertThat(passes(map("capabilities:a:b:d", "x"), caps)).isFalse();
    }

    @Test
    void lookingIntoANonMappingFails() {
        assertThat(passes(map("capabilities:tier:x", "gold"), map("tier", "gold"))).isFalse();
        assertThat(passes(map("capabilities:l:x", "gold"), map("l", list("x")))).isFalse();
        assertThat(passes(map("capabilities:n:x", "gold"), map("n", 5L))).isFalse();
        assertThat(passes(map("capabilities:z:x", "gold"), map("z", null))).isFalse();
        assertThat(reason(map("capabilities:tier:x", "gold"), map("tier", "gold")))
                .contains("not a mapping");
    }

    @Test
    void reportedNoneIsMatchedAsNone() {
        assertThat(passes(map("tier", null), map("tier", null))).isTrue();
        assertThat(passes(map("tier", "gold"), map("tier", null))).isFalse();
        assertThat(passes(map("tier", "s!= gold"), map("tier", null))).as("ESO3").isFalse();
    }

    @Test
    void keyCapabilitiesAloneIsTheWholeMapping() {
        Map<String, Object> caps = map("tier", "gold");
        assertThat(passes(map("capabilities", "<in> tier"), caps)).as("key membership").isTrue();
        assertThat(passes(map("capabilities", "<in> gold"), caps)).isFalse();
    }

    @Test
    void emptyRemainderIsAnEmptyKey() {
        assertThat(passes(map("capabilities:", "x"), map("tier", "x"))).isFalse();
        assertThat(passes(map("capabilities:", "x"), map("", "x"))).isTrue();
    }

    @Test
    void everyExtraSpecMustHold() {
        Map<String, Object> specs = map("tier", "gold", "capabilities:disk_type", "ssd");
        assertThat(passes(specs, map("tier", "gold", "disk_type", "ssd"))).isTrue();
        assertThat(passes(specs, map("tier", "gold", "disk_type", "hdd"))).isFalse();
        assertThat(reason(specs, map("tier", "gold", "disk_type", "hdd")))
                .isEqualTo("CapabilitiesFilter: capabilities:disk_type is 'hdd', extra spec requires 'ssd'");
    }

    // CAP4

    @Test
    void listCapabilityMatchesWhenAnyElementMatches() {
        Map<String, Object> caps = map("storage_protocol", list("iSCSI", "iscsi"));
        assertThat(passes(map("storage_protocol", "iscsi"), caps)).as("pitfall 11").isTrue();
        assertThat(passes(map("storage_protocol", "<in> iSC"), caps)).isTrue();
        assertThat(passes(map("storage_protocol", "s== iSCSI"), caps)).isTrue();
        assertThat(passes(map("storage_protocol", "<or> FC <or> iscsi"), caps)).isTrue();
        assertThat(passes(map("storage_protocol", "FC"), caps)).isFalse();
    }

    @Test
    void emptyListCapabilityFails() {
        assertThat(passes(map("tags", "x"), map("tags", list()))).isFalse();
        assertThat(passes(map("tags", "s!= x"), map("tags", list()))).isFalse();
    }

    @Test
    void protocolVariantsFromTheHostManagerMatchElementWise() {
        Map<String, Object> caps = map("storage_protocol", PoolState.protocolVariants("FC"));
        assertThat(passes(map("capabilities:storage_protocol", "<in> fibre"), caps)).isTrue();
        assertThat(passes(map("capabilities:storage_protocol", "fc"), caps)).isTrue();
    }

    // Pitfalls 8 and 9 through the filter

    @Test
    void equalsOperatorMeansAtLeast() {
        assertThat(passes(map("total_capacity_gb", "= 10000"), map("total_capacity_gb", 20000L))).isTrue();
        assertThat(passes(map("total_capacity_gb", "= 10000"), map("total_capacity_gb", 9999L))).isFalse();
    }

    @Test
    void plainTrueNeverMatchesABooleanButIsDoes() {
        Map<String, Object> caps = map("thin_provisioning_support", true);
        assertThat(passes(map("thin_provisioning_support", "True"), caps)).isFalse();
        assertThat(passes(map("thin_provisioning_support", "<is> True"), caps)).isTrue();
        assertThat(passes(map("thin_provisioning_support", "<is> yes"), caps)).isTrue();
    }

    @Test
    void orComparesRawValuesWithStringEquality() {
        assertThat(passes(map("QoS_support", "<or> True <or> False"), map("QoS_support", true))).isFalse();
        assertThat(passes(map("tier", "<or> bronze <or> silver"), map("tier", "silver"))).isTrue();
    }

    @Test
    void stringOrderingOnANumberRejectsWithReasonInsteadOfCrashing() {
        Map<String, Object> specs = map("capabilities:size", "s< 10");
        PoolState numeric = withCaps(map("size", 5L));
        PoolPredicate p = filter.prepare(withExtraSpecs(specs));
        assertThat(p.test(numeric)).isFalse();
        assertThat(p.reason(numeric)).isEqualTo("CapabilitiesFilter: TypeError: '<' not supported between instances "
                + "of 'int' and 'str' (capabilities:size is 5, extra spec requires 's< 10')");
        assertThat(p.test(withCaps(map("size", "1")))).as("other pools still evaluated").isTrue();
        assertThat(logs.warnings()).singleElement().asString().contains(numeric.backendId(),
                "TypeError: '<' not supported between instances of 'int' and 'str'", "'s< 10'");
    }

    @Test
    void inOnABooleanAndDictUnderNumericOperatorReject() {
        assertThat(passes(map("multiattach", "<in> True"), map("multiattach", true))).isFalse();
        assertThat(reason(map("multiattach", "<in> True"), map("multiattach", true))).contains("TypeError");
        assertThat(passes(map("capabilities:a", ">= 1"), map("a", map("b", 1L)))).isFalse();
        assertThat(passes(map("tier", "<or>"), map("tier", "gold"))).isFalse();
        assertThat(reason(map("tier", "<or>"), map("tier", "gold"))).contains("IndexError");
        assertThat(String.join("\n", logs.warnings())).contains("argument of type 'bool' is not iterable",
                "not 'dict'", "IndexError: pop from empty list");
    }

    @Test
    void anEarlierFailingSpecMeansNoCrashLater() {
        PoolPredicate p = filter.prepare(withExtraSpecs(map("tier", "gold", "size", "s< 10")));
        assertThat(p.reason(withCaps(map("tier", "bronze", "size", 5L))))
                .isEqualTo("CapabilitiesFilter: tier is 'bronze', extra spec requires 'gold'");
    }

    @Test
    void aListElementThatMatchesFirstAvoidsTheCrashOfALaterOne() {
        Map<String, Object> specs = map("v", "s< b");
        assertThat(passes(specs, map("v", list("a", 5L)))).isTrue();
        assertThat(passes(specs, map("v", list(5L, "a")))).isFalse();
        assertThat(logs.warnings()).singleElement().asString().contains("TypeError", "[5, 'a']");
    }

    @Test
    void reasonQuotesObservedAndRequiredValues() {
        assertThat(reason(map("capabilities:tier", "<in> gold"), map("tier", "bronze")))
                .isEqualTo("CapabilitiesFilter: capabilities:tier is 'bronze', extra spec requires '<in> gold'");
        assertThat(reason(map("tier", null), map("tier", "x")))
                .isEqualTo("CapabilitiesFilter: tier is 'x', extra spec requires None");
    }

    @Test
    void filtersAListOfPoolsInOrder() {
        List<PoolState> pools = List.of(
                Pools.pool("a@x", "p0", map("tier", "gold")),
                Pools.pool("a@x", "p1", map("tier", "bronze")),
                Pools.pool("b@y", "p0", map("tier", "gold", "disk", "ssd")));
        PoolPredicate p = filter.prepare(withExtraSpecs(map("tier", "<or> gold <or> silver")));
        assertThat(Pools.survivors(p, pools)).containsExactly("a@x#p0", "b@y#p0");
    }
}
