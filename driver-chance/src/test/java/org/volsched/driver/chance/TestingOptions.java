package org.volsched.driver.chance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.volsched.spi.Options;

/** Options backed by a map. */
final class TestingOptions implements Options {
    private final Map<String, Object> values = new LinkedHashMap<>();

    TestingOptions() {
        values.put("scheduler_driver", "chance");
        values.put("random_seed", null);
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
