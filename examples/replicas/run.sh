#!/usr/bin/env bash
# Three volsched schedulers sharing one tight fleet through the ZooKeeper capacity ledger, then the
# check that no pool was over-committed. One command, from anywhere:
#
#   examples/replicas/run.sh [--replicas N] [--requests N] [--memory] [--zookeeper HOST:PORT]
#
# Starts a local ZooKeeper (a real server in a JVM: LocalZooKeeper) unless --zookeeper names one
# (Debian's zookeeperd listens on localhost:2181). --memory runs the replicas with the in-memory
# ledger instead, to see the over-commit the shared ledger removes. Builds what it needs first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
replicas=3
requests=300
ledger=zookeeper
connect=""
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --memory) ledger=memory; shift ;;
    --zookeeper) connect="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument '$1'; expected --replicas N, --requests N, --memory or --zookeeper HOST:PORT" >&2; exit 2 ;;
  esac
done

if [ ! -f "$here/target/classpath.txt" ]; then
  echo "Building volsched and the example (once)..."
  (cd "$root" && mvn -B -q -DskipTests install -pl examples/replicas -am)
fi
cp="$here/target/classes:$(cat "$here/target/classpath.txt")"
work="$(mktemp -d)"
zk_pid=""
cleanup() { [ -n "$zk_pid" ] && kill "$zk_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ "$ledger" = zookeeper ] && [ -z "$connect" ]; then
  port=$(( 20000 + RANDOM % 20000 ))
  java -cp "$cp" org.volsched.examples.replicas.LocalZooKeeper "$port" > "$work/zk.log" 2>&1 &
  zk_pid=$!
  for _ in $(seq 1 100); do grep -q "serving at" "$work/zk.log" 2>/dev/null && break; sleep 0.1; done
  connect="127.0.0.1:$port"
  echo "ZooKeeper serving at $connect"
fi
zk_root="/volsched-example-$$"
extra=()
[ "$ledger" = memory ] && extra=(memory)

echo "$replicas replicas ($ledger ledger) deciding $requests requests on a fleet of 10,000 GB..."
pids=()
for i in $(seq 0 $((replicas - 1))); do
  java -cp "$cp" org.volsched.examples.replicas.Replica "${connect:--}" "$zk_root" "$i" "$replicas" "$requests" 42 \
    "$work/replica-$i.txt" "${extra[@]}" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
[ "$status" -eq 0 ] || { echo "a replica failed (exit $status)" >&2; exit "$status"; }

outs=()
for i in $(seq 0 $((replicas - 1))); do outs+=("$work/replica-$i.txt"); done
if [ "$ledger" = memory ]; then check_connect="-"; else check_connect="$connect"; fi
java -cp "$cp" org.volsched.examples.replicas.Check "$check_connect" "$zk_root" "${outs[@]}"
