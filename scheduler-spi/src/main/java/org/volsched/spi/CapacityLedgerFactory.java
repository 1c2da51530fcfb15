package org.volsched.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes the {@link CapacityLedger} named by the {@code capacity_ledger} option (volsched's own is
 * {@code memory}). A ledger is made before anything else of the scheduler, from the options only:
 * the host manager claims through it from its first report on.
 */
public interface CapacityLedgerFactory extends ComponentDeclaration {
    /** Builds the ledger of one scheduler, reading its options (declared by {@link #options()}). */
    CapacityLedger create(Options options);

    /** A factory from a name, the options the ledger reads and a constructor reference. */
    static CapacityLedgerFactory of(String name, List<OptionDeclaration> options,
                                    Function<Options, ? extends CapacityLedger> constructor) {
        Objects.requireNonNull(name, "name");
        List<OptionDeclaration> optionList = List.copyOf(options);
        Objects.requireNonNull(constructor, "constructor");
        return new CapacityLedgerFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<OptionDeclaration> options() {
                return optionList;
            }

            @Override
            public CapacityLedger create(Options opts) {
                return constructor.apply(opts);
            }

            @Override
            public String toString() {
                return "CapacityLedgerFactory[" + name + "]";
            }
        };
    }
}
