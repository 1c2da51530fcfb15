package org.volsched.driver.capacity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.Options;

/** Options backed by a map, with Cinder's defaults for the multipliers this module reads. */
final class TestingOptions implements Options {
    private final Map<String, Object> values = new LinkedHashMap<>();

    TestingOptions() {
        values.put("capacity_weight_multiplier", 1.0);
        values.put("allocated_capacity_weight_multiplier", -1.0);
        values.put("volume_number_multiplier", -1.0);
        values.put("max_over_subscription_ratio", "20.0");
    }

    TestingOptions with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    @Override
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("unknown option " + name);
        }
        return values.get(name);
    }

    @Override
    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    @Override
    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    @Override
    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return (List<String>) get(name);
    }
}
