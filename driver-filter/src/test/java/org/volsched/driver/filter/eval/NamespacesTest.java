package org.volsched.driver.filter.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.volsched.driver.filter.eval.EvalSupport.assertWrapped;
import static org.volsched.driver.filter.eval.EvalSupport.eval;
import static org.volsched.driver.filter.eval.EvalSupport.namespaces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Section 12.4 (rule EV14) and the {@link Namespaces} contract. */
class NamespacesTest {

    @Test
    void ev14AllFiveNamespacesAreAddressable() {
        assertThat(eval("stats.total_capacity_gb - stats.allocated_capacity_gb")).isEqualTo(800L);
        assertThat(eval("stats.reserved_percentage")).isEqualTo(5L);
        assertThat(eval("stats.vendor_name")).isEqualTo("Open Source");
        assertThat(eval("stats.driver_version")).isEqualTo("3.0.0");
        assertThat(eval("capabilities.max_over_subscription_ratio * 2")).isEqualTo(40.0);
        assertThat(eval("extra.volume_backend_name == stats.volume_backend_name")).isEqualTo(true);
        assertThat(eval("volume.availability_zone")).isEqualTo("nova");
        assertThat(eval("qos.maxIOPS > 1000")).isEqualTo(true);
    }

    @Test
    void ev14OnlyKeysOfLettersAndUnderscoresAreAddressable() {
        Map<String, Object> ns = namespaces();
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) ns.get("extra");
        extra.put("capabilities:raid_level", "5");
        extra.put("raid5", "x");
        // "extra.capabilities:raid_level" does not even parse: ':' belongs to ?:
        assertThat(ExpressionWarnings.analyse("extra.raid5")).hasSize(2);
        EvaluatorException e = EvalSupport.failure("extra.raid5", ns);
        assertThat(e.pythonType()).isEqualTo("KeyError");
        assertThat(e.getMessage()).isEqualTo("KeyError: 'extra.raid'");
    }

    @Test
    void ev14NotInStatsAreProvisionedCapacityAndRatio() {
        assertWrapped("stats.provisioned_capacity_gb", "KeyError evaluating string");
        assertWrapped("stats.max_over_subscription_ratio", "KeyError evaluating string");
    }

    @Test
    void ofTreatsANonMappingNamespaceAsNotAMapping() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("qos", null);
        raw.put("text", "abc");
        raw.put("list", new ArrayList<>(List.of(1L)));
        raw.put("map", new HashMap<>(Map.of("k", 1L)));
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("k", null);
        raw.put("nulls", withNull);
        Namespaces ns = Namespaces.of(raw);
        assertThat(ns.lookup("qos", "k")).isEqualTo(Namespaces.Failure.NOT_A_MAPPING);
        assertThat(ns.lookup("text", "k")).isEqualTo(Namespaces.Failure.NOT_A_MAPPING);
        assertThat(ns.lookup("list", "k")).isEqualTo(Namespaces.Failure.NOT_A_MAPPING);
        assertThat(ns.lookup("map", "k")).isEqualTo(1L);
        assertThat(ns.lookup("map", "other")).isEqualTo(Namespaces.Failure.NO_SUCH_KEY);
        assertThat(ns.lookup("missing", "k")).isEqualTo(Namespaces.Failure.NO_SUCH_KEY);
        assertThat(ns.lookup("nulls", "k")).isNull();
    }

    @Test
    void ofReadsTheMapAtEachLookup() throws EvaluatorException {
        Map<String, Object> volume = new HashMap<>(Map.of("size", 1L));
        Map<String, Object> raw = new HashMap<>(Map.of("volume", volume));
        Expression e = Expression.parse("volume.size");
        Namespaces ns = Namespaces.of(raw);
        assertThat(e.evaluate(ns)).isEqualTo(1L);
        volume.put("size", 2L);
        assertThat(e.evaluate(ns)).isEqualTo(2L);
    }

    @Test
    void emptyHasNoVariables() {
        EvaluatorException e = org.assertj.core.api.Assertions.catchThrowableOfType(EvaluatorException.class,
                () -> Expression.parse("volume.size").evaluate(Namespaces.empty()));
        assertThat(e.getMessage()).isEqualTo("KeyError evaluating string");
        assertThat(e.pythonType()).isEqualTo(EvaluatorException.EVALUATOR_PARSE_EXCEPTION);
    }

    @Test
    void aCustomImplementationCanSubstituteVariables() throws EvaluatorException {
        // DF3: evaluate once per storage-protocol variant
        Expression e = Expression.parse("stats.storage_protocol == 'FC' || capabilities.storage_protocol == 'nvmeof'");
        List<Object> results = new ArrayList<>();
        for (String variant : List.of("iSCSI", "FC", "nvmeof")) {
            Namespaces ns = (namespace, key) -> key.equals("storage_protocol") ? variant
                    : Namespaces.Failure.NO_SUCH_KEY;
            results.add(e.evaluate(ns));
        }
        assertThat(results).containsExactly(false, true, true);
    }

    @Test
    void nullArgumentsAreRejected() {
        assertThatThrownBy(() -> Namespaces.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Expression.parse("1").evaluate(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Expression.parse(null)).isInstanceOf(NullPointerException.class);
    }
}
