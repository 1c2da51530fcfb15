package org.volsched.ledger.zookeeper;

import java.time.Duration;
import java.util.List;
import org.volsched.spi.CapacityLedgerFactory;
import org.volsched.spi.InvalidConfiguration;
import org.volsched.spi.OptionDeclaration;
import org.volsched.spi.Options;
import org.volsched.spi.SchedulerPlugin;

/**
 * Provides the capacity ledger {@code zookeeper}: claims shared by every scheduler replica that
 * names the same ZooKeeper ensemble and root (see {@link ZooKeeperLedger}).
 */
public final class ZooKeeperLedgerPlugin implements SchedulerPlugin {
    /** The {@code capacity_ledger} value that selects this ledger. */
    public static final String NAME = "zookeeper";

    static final List<OptionDeclaration> OPTIONS = List.of(
            OptionDeclaration.ofString("zookeeper_connect", "",
                    "ZooKeeper connect string of the ensemble the replicas share (host:port[,host:port...]); "
                            + "required with capacity_ledger = zookeeper"),
            OptionDeclaration.ofString("zookeeper_root", "/volsched",
                    "znode under which the ledger keeps one node of claims per pool; replicas that share "
                            + "claims name the same root"),
            OptionDeclaration.ofInt("zookeeper_session_timeout", 30,
                    "seconds: the ZooKeeper session time-out"),
            OptionDeclaration.ofInt("zookeeper_claim_timeout", 10,
                    "seconds a claim waits for ZooKeeper before the request fails with LedgerUnavailable"));

    @Override
    public String pluginName() {
        return "volsched-ledger-zookeeper";
    }

    @Override
    public List<CapacityLedgerFactory> capacityLedgerFactories() {
        return List.of(CapacityLedgerFactory.of(NAME, OPTIONS, ZooKeeperLedgerPlugin::create));
    }

    private static ZooKeeperLedger create(Options options) {
        String connect = options.getString("zookeeper_connect").strip();
        String root = options.getString("zookeeper_root").strip();
        int session = options.getInt("zookeeper_session_timeout");
        int claim = options.getInt("zookeeper_claim_timeout");
        List<String> problems = new java.util.ArrayList<>();
        if (connect.isEmpty()) {
            problems.add("zookeeper_connect: required with capacity_ledger = zookeeper; give the ensemble's "
                    + "connect string, such as 'zk1:2181,zk2:2181,zk3:2181'");
        }
        if (!root.startsWith("/") || root.length() > 1 && root.endsWith("/")) {
            problems.add("zookeeper_root = '" + root + "': expected an absolute znode path such as '/volsched'");
        }
        if (session < 1) {
            problems.add("zookeeper_session_timeout = " + session + ": expected at least 1 (seconds)");
        }
        if (claim < 1) {
            problems.add("zookeeper_claim_timeout = " + claim + ": expected at least 1 (seconds)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return new ZooKeeperLedger(connect, root, Duration.ofSeconds(session), Duration.ofSeconds(claim));
    }
}
