package org.volsched.core.host;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.volsched.spi.model.ServiceInfo;

/**
 * The services table and service liveness (rules HM10-HM12): services in database order, which
 * backend key each serves, and when each up service's heartbeat expires.
 *
 * <p>Expiry is tracked with one pending deadline per up service in a priority queue, so finding
 * the services that went down since the last look costs O(expired × log services), not a scan of
 * every service. Every change that can alter which service provides a backend, or whether any
 * does, names the backend keys it touched; the host manager re-derives only those backends.
 *
 * <p>Not thread-safe: the host manager calls it under its lock.
 */
final class ServiceRegistry {
    /** A service with its database position (insertion order; an update keeps the position). */
    private record Entry(ServiceInfo info, long position) {
    }

    private record Deadline(Instant at, String host) {
    }

    private final Duration serviceDownTime;
    private final LinkedHashMap<String, Entry> byHost = new LinkedHashMap<>();
    /** Backend key → its services by database position. */
    private final Map<String, TreeMap<Long, ServiceInfo>> byKey = new HashMap<>();
    /**
     * Hosts last seen up, with their one live deadline in {@link #deadlines}; a queued deadline
     * that is not its host's live one is stale and dropped when it comes up.
     */
    private final Map<String, Instant> seenUp = new HashMap<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private long nextPosition;
    private List<String> hostsUp;

    ServiceRegistry(Duration serviceDownTime) {
        this.serviceDownTime = serviceDownTime;
    }

    Duration serviceDownTime() {
        return serviceDownTime;
    }

    /**
     * Registers or replaces a service (a new host goes to the end); returns the backend keys whose
     * provider may have changed.
     */
    Set<String> put(ServiceInfo service, Instant now) {
        Set<String> touched = new LinkedHashSet<>(2);
        Entry old = byHost.get(service.host());
        long position = old != null ? old.position() : nextPosition++;
        if (old != null) {
            unindex(old);
            touched.add(old.info().backendKey());
        }
        Entry entry = new Entry(service, position);
        byHost.put(service.host(), entry);
        byKey.computeIfAbsent(service.backendKey(), k -> new TreeMap<>()).put(position, service);
        touched.add(service.backendKey());
        track(service, old == null ? null : old.info(), now);
        hostsUp = null;
        return touched;
    }

    boolean contains(String host) {
        return byHost.containsKey(host);
    }

    ServiceInfo get(String host) {
        Entry e = byHost.get(host);
        return e == null ? null : e.info();
    }

    /** Removes a service; returns its backend key, or {@code null} when it was unknown. */
    String remove(String host) {
        Entry old = byHost.remove(host);
        if (old == null) {
            return null;
        }
        unindex(old);
        seenUp.remove(host);
        hostsUp = null;
        return old.info().backendKey();
    }

    private void unindex(Entry e) {
        TreeMap<Long, ServiceInfo> services = byKey.get(e.info().backendKey());
        if (services != null) {
            services.remove(e.position());
            if (services.isEmpty()) {
                byKey.remove(e.info().backendKey());
            }
        }
    }

    /**
     * Notes whether the service is up now and, when it is, when it will not be. A service seen up
     * keeps a queued deadline no later than its expiry: a later heartbeat needs no new one (the old
     * deadline is pushed back when it passes), but a heartbeat older than the previous one brings
     * the expiry forward and queues it.
     */
    private void track(ServiceInfo service, ServiceInfo previous, Instant now) {
        boolean up = service.isUp(now, serviceDownTime);
        if (up) {
            Instant live = seenUp.get(service.host());
            if (live == null || service.lastHeartbeat().plus(serviceDownTime).isBefore(live)) {
                schedule(service);
            }
        } else {
            seenUp.remove(service.host());
        }
    }

    private void schedule(ServiceInfo service) {
        Instant at = service.lastHeartbeat().plus(serviceDownTime);
        seenUp.put(service.host(), at);
        deadlines.add(new Deadline(at, service.host()));
    }

    /** Deadlines queued, live or stale (for tests: at most one live one per up service). */
    int queuedDeadlines() {
        return deadlines.size();
    }

    /** Whether the service was up when last looked at (registered, heartbeat, or {@link #expire}). */
    boolean seenUp(String host) {
        return seenUp.containsKey(host);
    }

    /** The earliest instant after which some service seen up may be down; {@code null} when none. */
    Instant nextDeadline() {
        Deadline d = deadlines.peek();
        return d == null ? null : d.at();
    }

    /**
     * Services whose heartbeat expired by {@code now}: their backend keys. A deadline whose service
     * heartbeat since is pushed back to the new expiry instead.
     */
    Set<String> expire(Instant now, Set<String> into) {
        while (!deadlines.isEmpty() && now.isAfter(deadlines.peek().at())) {
            Deadline d = deadlines.poll();
            Entry e = byHost.get(d.host());
            if (e == null || !d.at().equals(seenUp.get(d.host()))) {
                continue;
            }
            ServiceInfo s = e.info();
            if (s.isUp(now, serviceDownTime)) {
                schedule(s);
            } else {
                seenUp.remove(s.host());
                hostsUp = null;
                into.add(s.backendKey());
            }
        }
        return into;
    }

    /** The services of a backend key, in database order. */
    Collection<ServiceInfo> servicesOf(String key) {
        TreeMap<Long, ServiceInfo> services = byKey.get(key);
        return services == null ? List.of() : services.values();
    }

    /** Database position of a host's service, for ordering backends that appear in one refresh. */
    long position(String host) {
        Entry e = byHost.get(host);
        return e == null ? Long.MAX_VALUE : e.position();
    }

    boolean eligible(ServiceInfo service, Instant now) {
        return !service.disabled() && service.isUp(now, serviceDownTime);
    }

    /** Up, enabled service hosts in database order (the chance driver's list); rebuilt only after a change. */
    List<String> hostsUp(Instant now) {
        List<String> up = hostsUp;
        if (up == null) {
            List<String> list = new ArrayList<>();
            for (Entry e : byHost.values()) {
                if (eligible(e.info(), now)) {
                    list.add(e.info().host());
                }
            }
            up = List.copyOf(list);
            hostsUp = up;
        }
        return up;
    }

    List<ServiceInfo> all() {
        List<ServiceInfo> out = new ArrayList<>(byHost.size());
        for (Entry e : byHost.values()) {
            out.add(e.info());
        }
        return out;
    }
}
