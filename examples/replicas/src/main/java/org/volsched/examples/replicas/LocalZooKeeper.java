package org.volsched.examples.replicas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.curator.test.TestingServer;

/**
 * A real ZooKeeper server in its own JVM, for trying the example without installing one (Debian's
 * {@code zookeeperd} works as well): {@code LocalZooKeeper [port]} (default 2181). Prints the
 * connect string and serves until the process is stopped.
 */
public final class LocalZooKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LocalZooKeeper.class);

    private LocalZooKeeper() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2181;
        try (TestingServer server = new TestingServer(port, true)) {
            LOG.info("ZooKeeper serving at {}", server.getConnectString());
            Thread.currentThread().join();
        }
    }
}
