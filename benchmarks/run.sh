#!/usr/bin/env bash
# Runs volsched's JMH benchmarks and writes the results as JSON.
#
#   benchmarks/run.sh            short settings: several minutes on a 2-core machine, for a quick look
#   benchmarks/run.sh --long     publishable settings: several forks, long iterations (hours)
#
# Builds benchmarks/target/benchmarks.jar first when it is missing or older than the sources.
# Results: benchmarks/target/results/<UTC time>/{chain,full,concurrent,live,ingest,flow}.json, and all.json with every
# result; the JMH console output goes to run.log beside them. Extra arguments are passed to JMH
# (for example -prof gc is already on; add -prof jfr to profile).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"

mode=short
if [[ "${1:-}" == "--long" ]]; then
    mode=long
    shift
fi

if [[ ! -f "$jar" ]] || [[ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]] \
        || [[ "$here/pom.xml" -nt "$jar" ]]; then
    echo "== building $jar" >&2
    (cd "$root" && mvn -B -q -DskipTests package -pl benchmarks -am)
fi

if [[ "$mode" == long ]]; then
    settings=(-f 3 -wi 5 -w 5s -i 10 -r 5s)
    big="100,1000,10000,100000"
    medium="100,1000,10000,100000"
    live="1000,10000,100000"
else
    settings=(-f 1 -wi 2 -w 2s -i 3 -r 2s)
    big="1000,10000,100000"
    medium="1000,10000"
    live="1000,10000,100000"
fi

out="$here/target/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log="$out/run.log"

run() {
    local name="$1"
    shift
    echo "== $name: java -jar $jar $* ${settings[*]} -prof gc -rf json -rff $out/$name.json" | tee -a "$log" >&2
    java -jar "$jar" "$@" "${settings[@]}" -prof gc -rf json -rff "$out/$name.json" 2>&1 | tee -a "$log"
}

{
    echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) mode=$mode"
    echo "# nproc: $(nproc)"
    echo "# cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
    echo "# $(java -version 2>&1 | head -1)"
} > "$log"

# The default chain against its baseline at every size; the heavier benchmarks at the sizes that
# matter; the flow's overhead, which does not depend on the fleet, once.
run chain 'DefaultChainBenchmark|BaselineScanBenchmark' -p "pools=$big" "$@"
run full 'FullChainBenchmark' -p "pools=$medium" "$@"
# One and two deciding threads beside a paced reporter, at the size the threads target is set for.
run concurrent 'ConcurrentDecisionBenchmark' -p pools=10000 "$@"
# Live fleets: R reports before each decision (R = 0 is the frozen fleet, for comparison in the same
# run), and reports applied per second while a thread decides.
run live 'LiveFleetBenchmark' -p "pools=$live" -p reportsPerDecision=0,1,10 "$@"
run ingest 'ReportIngestBenchmark' -p pools=10000,100000 "$@"
run flow 'EntrypointFlowBenchmark' -p pools=1000 "$@"

# One JSON array with every result.
{
    echo "["
    first=1
    for f in chain full concurrent live ingest flow; do
        body="$(sed '1d;$d' "$out/$f.json")"
        if [[ -n "$body" ]]; then
            [[ $first == 1 ]] || echo ","
            printf '%s\n' "$body"
            first=0
        fi
    done
    echo "]"
} > "$out/all.json"

echo "== results: $out/all.json (log: $log)" >&2
