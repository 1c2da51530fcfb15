package org.volsched.core.host;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger of one scheduler process. Thread-safe. */
public final class InMemoryCapacityLedger implements CapacityLedger {
    private final Map<String, Claims> claims = new ConcurrentHashMap<>();

    @Override
    public Claims claim(String poolKey, double gb, Instant at) {
        return claims.merge(poolKey, new Claims(gb, at), (old, add) -> new Claims(old.gb() + add.gb(),
                add.lastClaim() == null ? old.lastClaim() : add.lastClaim()));
    }

    @Override
    public Claims claims(String poolKey) {
        return claims.getOrDefault(poolKey, Claims.NONE);
    }

    @Override
    public void reportArrived(String poolKey, Instant reportTime) {
        claims.computeIfPresent(poolKey, (k, c) ->
                c.lastClaim() == null || !c.lastClaim().isAfter(reportTime) ? null : c);
    }

    @Override
    public void forget(String poolKey) {
        claims.remove(poolKey);
    }
}
