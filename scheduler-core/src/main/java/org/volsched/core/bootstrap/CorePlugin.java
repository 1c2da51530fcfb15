package org.volsched.core.bootstrap;

import java.util.List;
import org.volsched.core.host.InMemoryCapacityLedger;
import org.volsched.spi.CapacityLedgerFactory;
import org.volsched.spi.SchedulerPlugin;

/**
 * volsched's own components, registered like a plug-in's so that configuration, {@code volsched
 * drivers} and {@code validate} treat them alike: the in-memory capacity ledger {@code memory}
 * (claims kept in this process until the pool's next report). Every registry has it.
 */
public final class CorePlugin implements SchedulerPlugin {
    /** Its plug-in name in listings. */
    public static final String NAME = "volsched-core";

    @Override
    public String pluginName() {
        return NAME;
    }

    @Override
    public List<CapacityLedgerFactory> capacityLedgerFactories() {
        return List.of(CapacityLedgerFactory.of("memory", List.of(), options -> new InMemoryCapacityLedger()));
    }
}
