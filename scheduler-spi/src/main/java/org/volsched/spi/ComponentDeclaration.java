package org.volsched.spi;

import java.util.List;

/**
 * What every kind of plug-in component declares: the short name operators put in configuration
 * (Cinder's class name), its aliases (Cinder's dotted class path), and the options it reads.
 * {@link ComponentFactory} adds how a filter, weigher or driver is made;
 * {@link CapacityLedgerFactory} how a capacity ledger is.
 */
public interface ComponentDeclaration {
    /** The short name, for example {@code CapacityFilter}. */
    String name();

    /** Other accepted names, for example {@code cinder.scheduler.filters.capacity_filter.CapacityFilter}. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The options the component reads through {@link Options}, beyond volsched's own. Every
     * configuration source accepts them, typed and validated; the same name declared differently
     * by two components is an error naming both.
     */
    default List<OptionDeclaration> options() {
        return List.of();
    }
}
