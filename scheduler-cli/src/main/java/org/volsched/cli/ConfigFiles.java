package org.volsched.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.volsched.core.config.SchedulerConfig;

/** Reads {@code --config}: a {@code .properties} file or a {@code cinder.conf}. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * The options the file sets, validated.
     *
     * @throws org.volsched.spi.InvalidConfiguration naming the file, the key and what is allowed
     */
    static Map<String, Object> read(Path file) {
        if (file == null) {
            return Map.of();
        }
        SchedulerConfig.Builder b = SchedulerConfig.builder();
        String name = file.getFileName().toString();
        if (name.endsWith(".properties")) {
            b.propertiesFile(file);
        } else {
            b.cinderConf(file);
        }
        SchedulerConfig parsed = b.build();
        SchedulerConfig defaults = SchedulerConfig.defaults();
        Map<String, Object> set = new LinkedHashMap<>();
        parsed.asMap().forEach((k, v) -> {
            if (!java.util.Objects.equals(defaults.asMap().get(k), v)) {
                set.put(k, v);
            }
        });
        return set;
    }
}
