package org.volsched.ledger.zookeeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryUntilElapsed;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.volsched.spi.CapacityLedger;
import org.volsched.spi.LedgerUnavailable;

/**
 * Capacity claims shared by scheduler replicas through ZooKeeper. Each pool's claims since its
 * newest report live in one znode, {@code <root>/pools/<pool key>}, as a JSON list of claims
 * (an id, the size, the time). A claim is a conditional write of that node at the version the
 * claimer last saw (Placement's generation check); the ledger's version of a pool is the node's
 * version plus one (0: no node). Every replica watches the nodes ({@link CuratorCache}) and tells
 * its host manager about the other replicas' claims as they arrive, so its decisions already see
 * them; the conditional write is the safety net for the claims not seen yet.
 *
 * <p>A report supersedes the claims at or before its time on every replica (rule HM18): each
 * replica applies every report, and counts only the claims newer than the pool's last report. A
 * write keeps only those in the node, so a node holds at most the claims of one report period.
 * Claims of a replica that died stay until the pool's next report supersedes them.
 *
 * <p>When ZooKeeper cannot be reached, {@link #claim} waits up to the claim time-out and then throws
 * {@link LedgerUnavailable}: no volume is placed without its claim in ZooKeeper. Reports keep being
 * applied (they need only the local view), and claims work again once the session is back.
 */
final class ZooKeeperLedger implements CapacityLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLedger.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String connect;
    private final String poolsPath;
    private final Duration claimTimeout;
    private final CuratorFramework client;
    private final CuratorCache cache;
    private final String replica = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, PoolView> views = new ConcurrentHashMap<>();
    private final Map<String, Instant> reportTimes = new ConcurrentHashMap<>();
    private volatile Listener listener;

    /** One claim in a pool's node. */
    record Claim(String id, double gb, Instant at) {
    }

    /** What this replica knows of a pool's node; guarded by itself. */
    private static final class PoolView {
        /** The node's version, -1 while there is none. */
        int nodeVersion = -1;
        List<Claim> claims = List.of();
        /** Ids of the node's claims already counted here (delivered, or this replica's own). */
        final Set<String> counted = new HashSet<>();
        /** Ids of this replica's claims being written: counted here already, never delivered. */
        final Set<String> pending = new HashSet<>();
    }

    ZooKeeperLedger(String connect, String root, Duration sessionTimeout, Duration claimTimeout) {
        this.connect = connect;
        this.poolsPath = (root.equals("/") ? "" : root) + "/pools";
        this.claimTimeout = claimTimeout;
        int claimMillis = (int) Math.min(Integer.MAX_VALUE, claimTimeout.toMillis());
        this.client = CuratorFrameworkFactory.builder()
                .connectString(connect)
                .sessionTimeoutMs((int) Math.min(Integer.MAX_VALUE, sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.min(claimMillis, 15_000))
                .retryPolicy(new RetryUntilElapsed(claimMillis, 100))
                .build();
        client.getConnectionStateListenable().addListener((c, state) -> onConnectionState(state));
        client.start();
        this.cache = CuratorCache.build(client, poolsPath);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, node) -> onNode(node))
                .build());
        cache.start();
        LOG.info("Capacity ledger: ZooKeeper at {}, claims under {}", connect, poolsPath);
    }

    private void onConnectionState(ConnectionState state) {
        switch (state) {
            case SUSPENDED -> LOG.warn("Capacity ledger: connection to ZooKeeper at {} suspended; claims wait for "
                    + "it (up to {} s each), reports are still applied", connect, claimTimeout.toSeconds());
            case LOST -> LOG.warn("Capacity ledger: ZooKeeper session at {} lost; claims fail until a new session "
                    + "is established", connect);
            case RECONNECTED -> LOG.info("Capacity ledger: reconnected to ZooKeeper at {}", connect);
            default -> {
            }
        }
    }

    @Override
    public void listen(Listener l) {
        this.listener = l;
    }

    @Override
    public Claims claim(String poolKey, long expectedVersion, double gb, Instant at) {
        long deadline = System.nanoTime() + claimTimeout.toNanos();
        String path = path(poolKey);
        PoolView view = views.computeIfAbsent(poolKey, k -> new PoolView());
        String id = replica + "-" + sequence.incrementAndGet();
        synchronized (view) {
            view.pending.add(id);
        }
        try {
            return claim(poolKey, path, view, id, expectedVersion, gb, at, deadline);
        } finally {
            synchronized (view) {
                view.pending.remove(id);
            }
        }
    }

    private Claims claim(String poolKey, String path, PoolView view, String id, long expectedVersion, double gb,
                         Instant at, long deadline) {
        boolean retried = false;
        while (true) {
            int nodeVersion;
            List<Claim> current;
            synchronized (view) {
                nodeVersion = view.nodeVersion;
                current = view.claims;
            }
            if (expectedVersion != ANY_VERSION && expectedVersion != nodeVersion + 1L) {
                LOG.debug("Capacity ledger: claim on {} at version {} refused: this replica knows version {}",
                        poolKey, expectedVersion, nodeVersion + 1L);
                return null;
            }
            List<Claim> next = new ArrayList<>(current.size() + 1);
            Instant reported = reportTimes.get(poolKey);
            for (Claim c : current) {
                if (c.at() == null || reported == null || c.at().isAfter(reported)) {
                    next.add(c);
                }
            }
            next.add(new Claim(id, gb, at));
            try {
                waitForConnection(deadline, poolKey, gb);
                Stat stat;
                if (nodeVersion < 0) {
                    client.create().creatingParentContainersIfNeeded().forPath(path, encode(next));
                    stat = new Stat();
                    stat.setVersion(0);
                } else {
                    stat = client.setData().withVersion(nodeVersion).forPath(path, encode(next));
                }
                return stored(poolKey, view, stat.getVersion(), next);
            } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
                // Another replica wrote first (or this write went through before a lost connection's
                // retry): read the node, count what it holds.
                List<Claim> now = refreshOrFail(poolKey, deadline, gb);
                if (now != null && containsId(now, id)) {
                    return claims(poolKey);
                }
                if (expectedVersion != ANY_VERSION) {
                    return null;
                }
                retried = true;
            } catch (Exception e) {
                failUnlessTimeLeft(e, deadline, poolKey, gb);
                LOG.debug("Capacity ledger: writing the claims of {} failed ({}); trying again", poolKey, e.toString());
            }
            if (System.nanoTime() >= deadline) {
                throw unavailable(poolKey, gb, null);
            }
            if (retried) {
                Thread.onSpinWait();
            }
        }
    }

    private void waitForConnection(long deadline, String poolKey, double gb) throws InterruptedException {
        if (client.getZookeeperClient().isConnected()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !client.blockUntilConnected((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)),
                TimeUnit.MILLISECONDS)) {
            throw unavailable(poolKey, gb, null);
        }
    }

    private LedgerUnavailable unavailable(String poolKey, double gb, Throwable cause) {
        return new LedgerUnavailable("capacity ledger: ZooKeeper at '" + connect + "' could not record a claim of "
                + gb + " GB on " + poolKey + " within " + claimTimeout.toSeconds() + " s (zookeeper_claim_timeout)"
                + (cause == null ? "" : ": " + cause) + "; the volume is not placed, so that no pool is over-committed. "
                + "Check that the ensemble is up and that zookeeper_connect names it", cause);
    }

    private static boolean containsId(List<Claim> claims, String id) {
        for (Claim c : claims) {
            if (c.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** This replica's write succeeded: the node holds {@code claims} at {@code nodeVersion}. */
    private Claims stored(String poolKey, PoolView view, int nodeVersion, List<Claim> claims) {
        List<Claim> fresh = update(view, nodeVersion, claims);
        deliver(poolKey, fresh);
        return claims(poolKey);
    }

    /** {@link #refresh}, failing with {@link LedgerUnavailable} when ZooKeeper does not answer in time. */
    private List<Claim> refreshOrFail(String poolKey, long deadline, double gb) {
        while (true) {
            try {
                return refresh(poolKey, deadline, gb);
            } catch (Exception e) {
                failUnlessTimeLeft(e, deadline, poolKey, gb);
            }
        }
    }

    /**
     * A ZooKeeper call failed: rethrows a {@link LedgerUnavailable}, gives up on an interrupt or once
     * the claim's time is spent, and otherwise returns so that the caller tries again.
     */
    private void failUnlessTimeLeft(Exception e, long deadline, String poolKey, double gb) {
        if (e instanceof LedgerUnavailable u) {
            throw u;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw unavailable(poolKey, gb, e);
        }
        if (System.nanoTime() >= deadline) {
            throw unavailable(poolKey, gb, e);
        }
    }

    /** Reads the pool's node and counts what it holds; {@code null} when it has none. */
    private List<Claim> refresh(String poolKey, long deadline, double gb) throws Exception {
        waitForConnection(deadline, poolKey, gb);
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(path(poolKey));
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
        List<Claim> claims = decode(data, poolKey);
        PoolView view = views.computeIfAbsent(poolKey, k -> new PoolView());
        deliver(poolKey, update(view, stat.getVersion(), claims));
        return claims;
    }

    /** A node was created or changed (any replica's write, this one's included). */
    private void onNode(ChildData node) {
        String p = node.getPath();
        if (!p.startsWith(poolsPath + "/") || node.getStat() == null) {
            return;
        }
        String poolKey = URLDecoder.decode(p.substring(poolsPath.length() + 1), StandardCharsets.UTF_8);
        List<Claim> claims;
        try {
            claims = decode(node.getData(), poolKey);
        } catch (IOException e) {
            LOG.warn("Capacity ledger: the claims of {} in ZooKeeper ({}) cannot be read ({}); ignoring this version "
                    + "of the node", poolKey, p, e.getMessage());
            return;
        }
        PoolView view = views.computeIfAbsent(poolKey, k -> new PoolView());
        deliver(poolKey, update(view, node.getStat().getVersion(), claims));
    }

    /**
     * Records a version of the node in the view, if it is newer than the one held; returns the
     * claims not counted here before (other replicas'), to deliver outside the view's lock.
     */
    private static List<Claim> update(PoolView view, int nodeVersion, List<Claim> claims) {
        List<Claim> fresh = new ArrayList<>();
        synchronized (view) {
            if (nodeVersion <= view.nodeVersion) {
                return fresh;
            }
            view.nodeVersion = nodeVersion;
            view.claims = List.copyOf(claims);
            Set<String> inNode = new HashSet<>();
            for (Claim c : claims) {
                inNode.add(c.id());
                if (view.counted.add(c.id()) && !view.pending.contains(c.id())) {
                    fresh.add(c);
                }
            }
            // Ids no longer in the node were pruned (superseded by a report): forget them.
            view.counted.retainAll(inNode);
        }
        return fresh;
    }

    private void deliver(String poolKey, List<Claim> fresh) {
        Listener l = listener;
        if (l == null || fresh.isEmpty()) {
            return;
        }
        for (Claim c : fresh) {
            LOG.debug("Capacity ledger: {} claimed {} GB on {} at {}", c.id(), c.gb(), poolKey, c.at());
            l.claimedElsewhere(poolKey, c.gb(), c.at(), claims(poolKey));
        }
    }

    @Override
    public Claims claims(String poolKey) {
        PoolView view = views.get(poolKey);
        if (view == null) {
            return Claims.NONE;
        }
        Instant reported = reportTimes.get(poolKey);
        synchronized (view) {
            double gb = 0;
            Instant last = null;
            for (Claim c : view.claims) {
                if (c.at() == null || reported == null || c.at().isAfter(reported)) {
                    gb += c.gb();
                    if (c.at() != null && (last == null || c.at().isAfter(last))) {
                        last = c.at();
                    }
                }
            }
            return new Claims(view.nodeVersion + 1L, gb, last);
        }
    }

    @Override
    public Claims reportArrived(String poolKey, Instant reportTime) {
        if (reportTime != null) {
            reportTimes.merge(poolKey, reportTime, (a, b) -> a.isAfter(b) ? a : b);
        }
        return claims(poolKey);
    }

    @Override
    public void forget(String poolKey) {
        reportTimes.remove(poolKey);
    }

    @Override
    public void close() {
        cache.close();
        client.close();
    }

    private String path(String poolKey) {
        return poolsPath + "/" + URLEncoder.encode(poolKey, StandardCharsets.UTF_8);
    }

    private static byte[] encode(List<Claim> claims) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("claims");
        for (Claim c : claims) {
            ObjectNode o = list.addObject();
            o.put("id", c.id());
            o.put("gb", c.gb());
            o.put("at", c.at() == null ? null : c.at().toString());
        }
        return JSON.writeValueAsBytes(root);
    }

    static List<Claim> decode(byte[] data, String poolKey) throws IOException {
        if (data == null || data.length == 0) {
            return List.of();
        }
        JsonNode root = JSON.readTree(data);
        JsonNode list = root.path("claims");
        if (!list.isArray()) {
            throw new IOException("expected an object with a 'claims' list for " + poolKey);
        }
        List<Claim> out = new ArrayList<>(list.size());
        for (JsonNode o : list) {
            JsonNode at = o.path("at");
            out.add(new Claim(o.path("id").asText(), o.path("gb").asDouble(),
                    at.isNull() || at.isMissingNode() ? null : Instant.parse(at.asText())));
        }
        return out;
    }
}
