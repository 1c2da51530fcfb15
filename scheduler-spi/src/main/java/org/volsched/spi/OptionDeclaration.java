package org.volsched.spi;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration option a component reads: its name (Cinder's, when Cinder has it), type,
 * default, help text and what values are allowed. Immutable. A factory returns the options it
 * reads from {@link ComponentFactory#options()}; volsched then accepts them from every
 * configuration source (a scenario's {@code config}, a {@code .properties} file, a
 * {@code cinder.conf}'s {@code [DEFAULT]} section, {@code SchedulerConfig.builder()}), validates
 * them, and the component reads them typed through {@link SchedulerContext#options()}.
 *
 * <pre>{@code
 * OptionDeclaration.ofDouble("latency_weight_multiplier", 1.0, "LatencyWeigher multiplier; negative prefers slow pools.")
 * OptionDeclaration.ofInt("rack_spread", 2, "Racks to spread over.").atLeast(1)
 * }</pre>
 */
public final class OptionDeclaration {
    /** The value types an option can have, and how {@link Options} returns them. */
    public enum Type {
        /** A string ({@link Options#getString}). */
        STRING("a string"),
        /** A 32-bit integer ({@link Options#getInt}). */
        INT("an integer"),
        /** A 64-bit integer ({@link Options#getLong}). */
        LONG("an integer"),
        /** A floating-point number ({@link Options#getDouble}). */
        FLOAT("a number"),
        /** true/false, yes/no, on/off, 1/0 ({@link Options#getBoolean}). */
        BOOL("true or false"),
        /** A list of names: a JSON list, or comma-separated in files ({@link Options#getList}). */
        LIST("a list of names");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        /** How messages describe a value of this type ("an integer"). */
        public String description() {
            return description;
        }
    }

    private final String name;
    private final Type type;
    private final Object defaultValue;
    private final String help;
    private final Pattern pattern;
    private final Double minimum;

    private OptionDeclaration(String name, Type type, Object defaultValue, String help, Pattern pattern,
                              Double minimum) {
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("an option name must be non-blank with no surrounding spaces, got '"
                    + name + "'");
        }
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.help = Objects.requireNonNull(help, "help");
        this.pattern = pattern;
        this.minimum = minimum;
    }

    /**
     * An option of any type; {@code defaultValue} must suit the type ({@code String}, {@code Integer},
     * {@code Long}, {@code Double}, {@code Boolean}, {@code List<String>}) or be {@code null} (unset).
     */
    public static OptionDeclaration of(String name, Type type, Object defaultValue, String help) {
        Object def = defaultValue instanceof List<?> l ? List.copyOf(l) : defaultValue;
        if (def != null && !fits(type, def)) {
            throw new IllegalArgumentException("option " + name + ": default " + def + " (" + def.getClass()
                    .getSimpleName() + ") is not " + type.description());
        }
        return new OptionDeclaration(name, type, def, help, null, null);
    }

    public static OptionDeclaration ofDouble(String name, Double defaultValue, String help) {
        return of(name, Type.FLOAT, defaultValue, help);
    }

    public static OptionDeclaration ofInt(String name, Integer defaultValue, String help) {
        return of(name, Type.INT, defaultValue, help);
    }

    public static OptionDeclaration ofLong(String name, Long defaultValue, String help) {
        return of(name, Type.LONG, defaultValue, help);
    }

    public static OptionDeclaration ofString(String name, String defaultValue, String help) {
        return of(name, Type.STRING, defaultValue, help);
    }

    public static OptionDeclaration ofBoolean(String name, Boolean defaultValue, String help) {
        return of(name, Type.BOOL, defaultValue, help);
    }

    public static OptionDeclaration ofList(String name, List<String> defaultValue, String help) {
        return of(name, Type.LIST, defaultValue, help);
    }

    private static boolean fits(Type type, Object v) {
        return switch (type) {
            case STRING -> v instanceof String;
            case INT -> v instanceof Integer;
            case LONG -> v instanceof Long;
            case FLOAT -> v instanceof Double;
            case BOOL -> v instanceof Boolean;
            case LIST -> v instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
        };
    }

    /** A copy that accepts only strings matching {@code regex} entirely ({@link Type#STRING} options). */
    public OptionDeclaration matching(String regex) {
        if (type != Type.STRING) {
            throw new IllegalArgumentException("option " + name + ": a pattern applies to string options only");
        }
        return new OptionDeclaration(name, type, defaultValue, help, Pattern.compile(regex), minimum);
    }

    /** A copy that refuses numbers below {@code min} ({@link Type#INT}, {@link Type#LONG}, {@link Type#FLOAT}). */
    public OptionDeclaration atLeast(double min) {
        if (type != Type.INT && type != Type.LONG && type != Type.FLOAT) {
            throw new IllegalArgumentException("option " + name + ": a minimum applies to numeric options only");
        }
        return new OptionDeclaration(name, type, defaultValue, help, pattern, min);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** The value when the option is not set; {@code null} means unset. */
    public Object defaultValue() {
        return defaultValue;
    }

    public String help() {
        return help;
    }

    /** The pattern a string value must match entirely, or {@code null}. */
    public Pattern pattern() {
        return pattern;
    }

    /** The smallest number allowed, or {@code null}. */
    public Double minimum() {
        return minimum;
    }

    /** True when both declare the same option: same name, type, default and validation (help aside). */
    public boolean sameAs(OptionDeclaration other) {
        return name.equals(other.name) && type == other.type && Objects.equals(defaultValue, other.defaultValue)
                && Objects.equals(minimum, other.minimum)
                && Objects.equals(pattern == null ? null : pattern.pattern(),
                        other.pattern == null ? null : other.pattern.pattern());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionDeclaration d && sameAs(d) && help.equals(d.help);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, defaultValue, help);
    }

    /** {@code name (type, default D, at least M, matching P)}, as conflict messages show it. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(type.name().toLowerCase(java.util.Locale.ROOT))
                .append(", default ").append(defaultValue == null ? "unset" : defaultValue);
        if (minimum != null) {
            sb.append(", at least ").append(minimum);
        }
        if (pattern != null) {
            sb.append(", matching ").append(pattern.pattern());
        }
        return sb.append(')').toString();
    }
}
