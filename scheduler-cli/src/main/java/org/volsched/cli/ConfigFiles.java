package org.volsched.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.volsched.core.config.OptionCatalog;
import org.volsched.core.config.SchedulerConfig;

/** Reads {@code --config}: a {@code .properties} file or a {@code cinder.conf}. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** True when {@code file} is read as a configuration file rather than a scenario. */
    static boolean isConfigFile(String file) {
        return file.endsWith(".properties") || file.endsWith(".conf");
    }

    /**
     * The options the file sets, validated and typed. An option set to its default is still
     * returned, so that it overrides a scenario's own value.
     *
     * @throws org.volsched.spi.InvalidConfiguration naming the file, the key and what is allowed
     */
    static Map<String, Object> read(Path file, OptionCatalog catalog) {
        if (file == null) {
            return Map.of();
        }
        SchedulerConfig.Builder b = SchedulerConfig.builder().catalog(catalog);
        if (file.getFileName().toString().endsWith(".properties")) {
            b.propertiesFile(file);
        } else {
            b.cinderConf(file);
        }
        SchedulerConfig parsed = b.build();
        Map<String, Object> set = new LinkedHashMap<>();
        for (SchedulerConfig.Setting setting : parsed.settings()) {
            if (catalog.isKnown(setting.key())) {
                set.put(setting.key(), parsed.asMap().get(setting.key()));
            }
        }
        return set;
    }

    /**
     * The options of {@code catalog} a file sets, as written (for a cinder.conf: in its [DEFAULT]
     * section), unvalidated; other keys are left out.
     *
     * @throws UserError when the file cannot be read
     */
    static Map<String, String> rawOptions(Path file, OptionCatalog catalog) {
        boolean properties = file.getFileName().toString().endsWith(".properties");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such configuration file", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read configuration file: " + e, e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (properties) {
            Properties p = new Properties();
            try (Reader r = new StringReader(text)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError(file + ": not a valid properties file: " + e.getMessage(), e);
            }
            p.stringPropertyNames().stream().sorted().filter(catalog::isKnown)
                    .forEach(k -> options.put(k, p.getProperty(k)));
            return options;
        }
        String section = "DEFAULT";
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                section = t.substring(1, t.length() - 1).strip();
                continue;
            }
            int eq = t.indexOf('=');
            int colon = t.indexOf(':');
            int sep = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            String key = sep > 0 ? t.substring(0, sep).strip() : "";
            if (section.equals("DEFAULT") && catalog.isKnown(key)) {
                options.put(key, t.substring(sep + 1).strip());
            }
        }
        return options;
    }
}
