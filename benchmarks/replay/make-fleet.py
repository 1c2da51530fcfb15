#!/usr/bin/env python3
"""Writes a fleet scenario of BACKENDS backends with POOLS pools each (default 2500 x 4 = 10,000 pools)
for measuring `volsched replay` (docs/benchmarks.md). Deterministic: the same arguments give the same file.

usage: make-fleet.py [BACKENDS] [POOLS] > fleet-10000.scenario.json
"""
import json
import random
import sys

backends = int(sys.argv[1]) if len(sys.argv) > 1 else 2500
pools = int(sys.argv[2]) if len(sys.argv) > 2 else 4
rng = random.Random(12)
protocols = ["iSCSI", "FC", "NFS", "ceph"]
fleet = []
for b in range(backends):
    protocol = protocols[b % len(protocols)]
    thin = b % 2 == 0
    pool_list = []
    for p in range(pools):
        total = rng.choice([20000, 50000, 100000, 200000])
        used = int(total * rng.uniform(0.05, 0.6))
        pool = {"pool_name": "pool%d" % p, "total_capacity_gb": total, "free_capacity_gb": total - used,
                "allocated_capacity_gb": used, "reserved_percentage": rng.choice([0, 5, 10]),
                "thin_provisioning_support": thin, "thick_provisioning_support": not thin}
        if thin:
            pool["provisioned_capacity_gb"] = used
            pool["max_over_subscription_ratio"] = "2.0"
        pool_list.append(pool)
    fleet.append({"host": "stor-%05d@%s" % (b, protocol.lower()), "availability_zone": "az-%d" % (b % 3 + 1),
                  "capabilities": {"volume_backend_name": protocol.lower(), "vendor_name": "volsched",
                                   "driver_version": "1.0", "storage_protocol": protocol, "pools": pool_list}})
scenario = {
    "meta": {"generator": "benchmarks/replay/make-fleet.py %d %d" % (backends, pools)},
    "backends": fleet,
    "request": {"request_spec": {"volume_id": "00000000-0000-0000-0000-000000000001",
                                 "volume_properties": {"size": 1, "availability_zone": "az-1"}},
                "filter_properties": {}},
}
json.dump(scenario, sys.stdout, indent=1)
sys.stdout.write("\n")
