package org.volsched.examples.replicas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * Checks what the replicas did: {@code Check ZK_CONNECT|- ROOT OUT...}. Sums the placed sizes per
 * pool from the replicas' outputs and, given a connect string, the claims the ZooKeeper ledger
 * holds per pool (under {@code ROOT/pools}); prints them against what each pool may hold. Exit 0 when
 * no pool is over-committed, 1 when one is.
 */
public final class Check {
    private static final Logger LOG = LoggerFactory.getLogger(Check.class);

    private Check() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            LOG.error("usage: Check ZK_CONNECT|- ROOT OUT...");
            System.exit(2);
        }
        Result r = check(args[0].equals("-") ? null : args[0], args[1],
                java.util.Arrays.stream(args, 2, args.length).map(Path::of).toList());
        LOG.info(r.report().stripTrailing());
        System.exit(r.overCommitted().isEmpty() ? 0 : 1);
    }

    /** What the outputs and the ledger say, per pool. */
    record Result(Map<String, Long> placed, Map<String, Double> claimed, Map<String, Integer> outcomes,
                  Map<String, Long> overCommitted) {
        String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("%-18s %10s %10s %10s%n", "pool", "may hold", "placed", "claimed"));
            Fleet.capacity().forEach((pool, cap) -> sb.append(String.format("%-18s %10d %10d %10s%n", pool, cap,
                    placed.getOrDefault(pool, 0L), claimed.isEmpty() ? "-"
                            : String.valueOf(Math.round(claimed.getOrDefault(pool, 0.0))))));
            sb.append("requests: ").append(outcomes).append('\n');
            sb.append(overCommitted.isEmpty() ? "OK: no pool is over-committed\n"
                    : "OVER-COMMITTED: " + overCommitted + " (GB over what the pool may hold)\n");
            return sb.toString();
        }
    }

    static Result check(String connect, String root, java.util.List<Path> outs) throws Exception {
        Map<String, Long> placed = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, String> seen = new HashMap<>();
        for (Path out : outs) {
            for (String line : Files.readAllLines(out)) {
                String[] f = line.split(" ");
                if (seen.put(f[0], f[2]) != null) {
                    throw new IllegalStateException(f[0] + " was decided twice");
                }
                if (f[2].startsWith("!")) {
                    outcomes.merge(f[2].substring(1), 1, Integer::sum);
                } else {
                    outcomes.merge("placed", 1, Integer::sum);
                    placed.merge(f[2], Long.parseLong(f[1]), Long::sum);
                }
            }
        }
        Map<String, Double> claimed = new TreeMap<>();
        if (connect != null) {
            try (CuratorFramework zk = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(500))) {
                zk.start();
                String pools = root + "/pools";
                if (zk.checkExists().forPath(pools) != null) {
                    ObjectMapper json = new ObjectMapper();
                    for (String child : zk.getChildren().forPath(pools)) {
                        JsonNode node = json.readTree(zk.getData().forPath(pools + "/" + child));
                        double gb = 0;
                        for (JsonNode c : node.path("claims")) {
                            gb += c.path("gb").asDouble();
                        }
                        claimed.put(URLDecoder.decode(child, StandardCharsets.UTF_8), gb);
                    }
                }
            }
        }
        Map<String, Long> over = new TreeMap<>();
        Fleet.capacity().forEach((pool, cap) -> {
            long worst = Math.max(placed.getOrDefault(pool, 0L), Math.round(claimed.getOrDefault(pool, 0.0)));
            if (worst > cap) {
                over.put(pool, worst - cap);
            }
        });
        return new Result(placed, claimed, outcomes, over);
    }
}
