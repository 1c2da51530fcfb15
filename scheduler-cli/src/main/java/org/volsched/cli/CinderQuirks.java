package org.volsched.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.volsched.core.bootstrap.PluginRegistry;
import org.volsched.spi.ComponentFactory;
import org.volsched.spi.InputQuirks;

/**
 * Finds what a scenario says that Cinder reads differently from how it looks, by asking the components
 * that read it: each registered driver, filter and weigher reports the quirks of its own inputs through
 * {@link ComponentFactory#quirks()} (the bundled ones: {@code CapabilitiesFilter} about extra specs,
 * {@code DriverFilter} and {@code GoodnessWeigher} about filter and goodness functions). This class only
 * walks the scenario document and says where each finding is; volsched does what Cinder does, so these
 * are warnings, not errors.
 *
 * <p>Every registered component is asked, not only those the scenario's configuration selects: the
 * volume types and capability reports a scenario describes are read by whatever configuration the
 * deployment runs (its cinder.conf, {@code --config}), and a scenario whose configuration is wrong
 * (a misspelt filter) is still checked. Each finding is true of the component that makes it.
 */
final class CinderQuirks {
    /** A component's checks and how messages name it. */
    private record Checker(String owner, InputQuirks quirks) {
    }

    private CinderQuirks() {
    }

    /**
     * Every finding of a scenario document, each starting with {@code source: field path.}, then the
     * component's {@code KEY: what Cinder does}.
     *
     * @param root the scenario as Python-like values; parts that do not have the expected shape are skipped
     * @param registry the registered components, asked in order: drivers, filters, weighers, each by name
     */
    static List<String> of(Map<String, Object> root, String source, PluginRegistry registry) {
        List<String> out = new ArrayList<>();
        List<Checker> checkers = checkers(registry, source, out);
        if (root.get("request") instanceof Map<?, ?> request) {
            for (String holder : List.of("request_spec", "volume")) {
                if (request.get(holder) instanceof Map<?, ?> h && h.get("volume_type") instanceof Map<?, ?> t
                        && t.get("extra_specs") instanceof Map<?, ?> specs) {
                    ask(checkers, q -> q.extraSpecs(readOnly(specs)),
                            source + ": request." + holder + ".volume_type.extra_specs", source, out);
                }
            }
        }
        if (root.get("backends") instanceof List<?> backends) {
            for (int i = 0; i < backends.size(); i++) {
                if (!(backends.get(i) instanceof Map<?, ?> b) || !(b.get("capabilities") instanceof Map<?, ?> caps)) {
                    continue;
                }
                String path = source + ": backends[" + i + "].capabilities";
                ask(checkers, q -> q.capabilities(readOnly(caps)), path, source, out);
                if (caps.get("pools") instanceof List<?> pools) {
                    for (int j = 0; j < pools.size(); j++) {
                        if (pools.get(j) instanceof Map<?, ?> pool) {
                            ask(checkers, q -> q.capabilities(readOnly(pool)), path + ".pools[" + j + "]", source,
                                    out);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * What the named filters (those a configuration enables) report about a volume type's extra specs,
     * each {@code OWNER reads KEY: what Cinder does}; the same finding is given once. A filter that is
     * not registered, or whose checks fail, is skipped (the listing it explains has been made).
     */
    static List<String> extraSpecs(Map<String, ?> extraSpecs, PluginRegistry registry, List<String> filterNames) {
        Set<String> out = new LinkedHashSet<>();
        Set<Object> asked = new java.util.HashSet<>();
        for (String name : filterNames) {
            PluginRegistry.Entry<?> e = registry.filters().get(name);
            if (e == null || !asked.add(e.factory())) {
                continue;
            }
            try {
                InputQuirks quirks = ((ComponentFactory<?>) e.factory()).quirks();
                if (quirks == null || quirks == InputQuirks.NONE) {
                    continue;
                }
                List<String> found = quirks.extraSpecs(Collections.unmodifiableMap(extraSpecs));
                if (found != null) {
                    found.forEach(f -> out.add(e.name() + " reads " + f));
                }
            } catch (RuntimeException | LinkageError ex) {
                // the checks are advice; a failing one does not stop the listing
            }
        }
        return new ArrayList<>(out);
    }

    /** A JSON object (string keys) as the checks see it: read-only. */
    @SuppressWarnings("unchecked")
    private static Map<String, ?> readOnly(Map<?, ?> object) {
        return Collections.unmodifiableMap((Map<String, ?>) object);
    }

    /**
     * Each registered component with checks, once (not once per alias). A factory whose
     * {@code quirks()} throws is reported (once) and skipped.
     */
    private static List<Checker> checkers(PluginRegistry registry, String source, List<String> out) {
        List<Checker> checkers = new ArrayList<>();
        add(checkers, "driver", PluginRegistry.distinct(registry.drivers()), source, out);
        add(checkers, "filter", PluginRegistry.distinct(registry.filters()), source, out);
        add(checkers, "weigher", PluginRegistry.distinct(registry.weighers()), source, out);
        return checkers;
    }

    private static <T extends ComponentFactory<?>> void add(List<Checker> checkers, String kind,
                                                            List<PluginRegistry.Entry<T>> entries, String source,
                                                            List<String> out) {
        for (PluginRegistry.Entry<T> e : entries) {
            InputQuirks quirks;
            try {
                quirks = e.factory().quirks();
            } catch (RuntimeException | LinkageError ex) {
                out.add(source + ": the Cinder quirk checks of " + PluginRegistry.owner(kind, e) + " failed: " + ex);
                continue;
            }
            if (quirks != null && quirks != InputQuirks.NONE) {
                checkers.add(new Checker(PluginRegistry.owner(kind, e), quirks));
            }
        }
    }

    /**
     * The findings of every checker about one mapping, each prefixed with {@code path.}; the same
     * finding from two components is given once. A check that fails is reported, naming its owner,
     * and does not stop the others.
     */
    private static void ask(List<Checker> checkers, Function<InputQuirks, List<String>> question, String path,
                            String source, List<String> out) {
        Set<String> findings = new LinkedHashSet<>();
        for (Checker c : checkers) {
            try {
                List<String> found = question.apply(c.quirks());
                if (found != null) {
                    found.forEach(finding -> findings.add(path + "." + finding));
                }
            } catch (RuntimeException | LinkageError ex) {
                findings.add(source + ": the Cinder quirk check of " + c.owner() + " failed on "
                        + path.substring(source.length() + 2) + ": " + ex);
            }
        }
        out.addAll(findings);
    }
}
