package org.volsched.core.host;

import org.volsched.spi.CapacityLedger;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger of one scheduler process. Thread-safe: each call is one atomic update of the pool's entry. */
public final class InMemoryCapacityLedger implements CapacityLedger {
    private final Map<String, Claims> claims = new ConcurrentHashMap<>();

    @Override
    public Claims claim(String poolKey, long expectedVersion, double gb, Instant at) {
        Claims[] result = new Claims[1];
        claims.compute(poolKey, (k, old) -> {
            Claims current = old == null ? Claims.NONE : old;
            if (expectedVersion != ANY_VERSION && current.version() != expectedVersion) {
                return old;
            }
            // A give-back carries the time of the claim it gives back: the last claim's time stays.
            Claims next = new Claims(current.version() + 1, current.gb() + gb,
                    at == null || gb < 0 ? current.lastClaim() : at);
            result[0] = next;
            return next;
        });
        return result[0];
    }

    @Override
    public Claims claims(String poolKey) {
        return claims.getOrDefault(poolKey, Claims.NONE);
    }

    @Override
    public Claims reportArrived(String poolKey, Instant reportTime) {
        Claims now = claims.get(poolKey);
        if (now == null || now.gb() == 0 && now.lastClaim() == null) {
            // Nothing claimed since the last report: nothing to supersede, and the version stays (it
            // counts changes of the claims; the pool's own state is guarded by the host manager).
            return now == null ? Claims.NONE : now;
        }
        return claims.compute(poolKey, (k, old) -> {
            Claims current = old == null ? Claims.NONE : old;
            boolean covered = current.lastClaim() == null || !current.lastClaim().isAfter(reportTime);
            return covered ? new Claims(current.version() + 1, 0, null) : new Claims(current.version() + 1,
                    current.gb(), current.lastClaim());
        });
    }

    @Override
    public void forget(String poolKey) {
        claims.remove(poolKey);
    }
}
