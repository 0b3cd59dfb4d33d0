#!/usr/bin/env bash
# A Ratio1.Orleans cluster on this machine in one command, for trying things out and for tests: a private PostgreSQL
# and N silos (nodes node-1 .. node-N) on free loopback ports, each kept running by a supervisor loop that starts its
# silo again when it fails (as systemd's Restart=on-failure does: a silo the cluster declared dead stops itself).
# Every listener is loopback only and security is off (no admins, no TLS, no web token): never expose this cluster.
# docs/operations.md says how to run a real fleet.
#
#   scripts/cluster.sh up N [--traffic memory|adonet] [--cluster-id ID] [--no-build] [-- SILO-OPTION...]
#   scripts/cluster.sh status          each silo: pids, ports, restarts, /health
#   scripts/cluster.sh down [--keep]   stop what up started (supervisors, silos, PostgreSQL), then remove its files
#   scripts/cluster.sh kill K [--stay-down]  kill -9 the silo of node-K, as a crash would; its supervisor starts it
#                                    again (--stay-down: it stops the supervisor first, so the node stays down)
#   scripts/cluster.sh stop K          stop node-K's supervisor and silo (it stays down: the cluster sees it die)
#   scripts/cluster.sh start K         start node-K again, on its ports and data
#   scripts/cluster.sh restart K       stop K, then start K
#
# Environment:
#   R1_CLUSTER_DIR   state folder (default: .cluster/ in the repository): pids, ports, logs, data
#   R1_SILO_DLL      silo build to run (default: silo/bin/Release/net10.0/Ratio1.Orleans.Silo.dll, built when
#                    missing or older than the sources; a given one is used as is)
#   R1_DOTNET        dotnet host (default: $DOTNET_HOST_PATH, else dotnet on the PATH)
#   R1_POSTGRES_BIN  folder of initdb and pg_ctl (default: the newest /usr/lib/postgresql/*/bin, else the PATH)
#   R1_CLUSTER_START_TIMEOUT  seconds up and start wait for each silo to serve (default 120)
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SCRIPT")")
STATE=$(readlink -m "${R1_CLUSTER_DIR:-$REPO/.cluster}")
export R1_CLUSTER_DIR=$STATE
DEFAULT_SILO_DLL=$REPO/silo/bin/Release/net10.0/Ratio1.Orleans.Silo.dll
START_TIMEOUT=${R1_CLUSTER_START_TIMEOUT:-120}
# Exit codes of a silo that refused its settings (SiloExitCodes: invalid settings, usage, insecure binding):
# starting it again would fail the same way.
NO_RESTART_CODES=" 1 2 7 "

die() {
    echo "cluster.sh: $*" >&2
    exit 1
}

note() {
    echo "cluster.sh: $*" >&2
}

usage() {
    grep '^#   scripts/cluster.sh' "$SCRIPT" | cut -c5- >&2
    exit 2
}

# A process is running when it exists and is not a zombie (an exited process whose parent has not collected it yet).
running() {
    local pid=${1:-}
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    local stat
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat%% *} != Z ]]
}

# Whether pid is still the process we recorded (pids are reused): its command line contains the given text.
is_ours() {
    local pid=$1 marker=$2
    running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"
}

read_pid() {
    cat "$1" 2>/dev/null || true
}

# Waits up to $1 seconds until none of the pids that follow runs; returns 1 when some still run.
wait_gone() {
    local deadline=$((SECONDS + $1)) pid
    shift
    while ((SECONDS < deadline)); do
        local left=0
        for pid in "$@"; do
            if running "$pid"; then left=1; fi
        done
        ((left)) || return 0
        sleep 0.2
    done
    for pid in "$@"; do
        if running "$pid"; then return 1; fi
    done
}

as_postgres() {
    # PostgreSQL refuses to run as root: as root, its commands run as the postgres user.
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

postgres_bin() {
    if [[ -n ${R1_POSTGRES_BIN:-} ]]; then
        echo "$R1_POSTGRES_BIN"
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n $newest && -x $newest/initdb ]]; then
        echo "$newest"
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    else
        die "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql or on the PATH; install them (apt-get install -y postgresql) or set R1_POSTGRES_BIN"
    fi
}

# TCP ports this machine uses now, in any state (from /proc, so no tool is needed).
ports_in_use() {
    local file line local_address
    for file in /proc/net/tcp /proc/net/tcp6; do
        [[ -r $file ]] || continue
        while read -r _ local_address _; do
            [[ $local_address == *:* ]] || continue
            echo $((16#${local_address##*:}))
        done <"$file"
    done
}

# Picks $1 free ports below the ephemeral range, so outgoing connections (and test harnesses that ask the kernel for
# a free port) do not take them between now and the moment the silos bind them.
free_ports() {
    local count=$1 ephemeral low high
    read -r ephemeral _ </proc/sys/net/ipv4/ip_local_port_range
    high=$((ephemeral - 1))
    low=$((high > 21000 ? 20000 : 1024))
    declare -A taken=()
    local port
    for port in $(ports_in_use); do taken[$port]=1; done
    local picked=()
    while ((${#picked[@]} < count)); do
        port=$((low + (RANDOM * 32768 + RANDOM) % (high - low + 1)))
        if [[ -z ${taken[$port]:-} ]]; then
            taken[$port]=1
            picked+=("$port")
        fi
    done
    echo "${picked[@]}"
}

http_get() {
    curl -sS --max-time 3 "$@"
}

# "1 silo (node-1)", "3 silos (node-1 .. node-3)"
silos_text() {
    if (($1 == 1)); then echo "1 silo (node-1)"; else echo "$1 silos (node-1 .. node-$1)"; fi
}

node_dir() {
    echo "$STATE/nodes/node-$1"
}

load_cluster() {
    [[ -f $STATE/cluster.env ]] || die "no cluster in $STATE (start one with: scripts/cluster.sh up 3)"
    # shellcheck source=/dev/null
    source "$STATE/cluster.env"
}

load_node() {
    local dir
    dir=$(node_dir "$1")
    [[ -f $dir/ports ]] || die "node-$1 is not part of the cluster in $STATE (nodes 1 to $NODES)"
    # shellcheck source=/dev/null
    source "$dir/ports"
}

take_lock() {
    mkdir -p "$STATE"
    exec 9>"$STATE/lock"
    flock -n 9 || die "another scripts/cluster.sh is working on $STATE; wait for it to finish"
}

# ---- the supervisor: one per silo, started detached by up/start ----

supervise() {
    local node=$1 dir
    load_cluster
    load_node "$node"
    dir=$(node_dir "$node")
    echo $$ >"$dir/supervisor.pid"
    local stopping=0 restarts rc
    # Counted over the node's life in this cluster, across stop and start.
    restarts=$(cat "$dir/restarts" 2>/dev/null || echo 0)
    # Stopped by down/stop: leave the silo to them (they stop it next) and do not start it again.
    trap 'stopping=1' TERM INT
    # Several silos share this machine: the workstation garbage collector keeps each one small.
    export DOTNET_gcServer=${DOTNET_gcServer:-0}
    local args=(
        "$SILO_DLL"
        --node-id "node-$node"
        --data-dir "$dir/data"
        --storage postgres
        --connection-string-file "$STATE/connection-string"
        --cluster-id "$CLUSTER_ID"
        --silo-port "$SILO_PORT"
        --gateway-port "$GATEWAY_PORT"
        --http-urls "http://127.0.0.1:$HTTP_PORT"
        --traffic "$TRAFFIC"
        "${SILO_EXTRA[@]}"
    )
    while true; do
        echo "$(date -u +%FT%TZ) starting silo of node-$node" >>"$dir/supervisor.log"
        "$DOTNET" "${args[@]}" >>"$dir/silo.log" 2>&1 </dev/null &
        echo $! >"$dir/silo.pid"
        rc=0
        wait $! || rc=$?
        if ((stopping)); then
            echo "$(date -u +%FT%TZ) supervisor stopped" >>"$dir/supervisor.log"
            exit 0
        fi
        if ((rc == 0)); then
            echo "$(date -u +%FT%TZ) silo stopped normally; not starting it again" >>"$dir/supervisor.log"
            exit 0
        fi
        if [[ $NO_RESTART_CODES == *" $rc "* ]]; then
            echo "$(date -u +%FT%TZ) silo refused its settings (exit $rc, see silo.log); not starting it again" >>"$dir/supervisor.log"
            exit "$rc"
        fi
        restarts=$((restarts + 1))
        echo "$restarts" >"$dir/restarts"
        echo "$(date -u +%FT%TZ) silo exited with code $rc$( ((rc > 128)) && echo " (signal $((rc - 128)))"); starting it again in 2 s" >>"$dir/supervisor.log"
        sleep 2 || true
        if ((stopping)); then
            exit 0
        fi
    done
}

start_supervisor() {
    local node=$1 dir
    dir=$(node_dir "$node")
    rm -f "$dir/supervisor.pid" "$dir/silo.pid"
    # Detached (own session, no terminal, no pipes of ours, not our lock) so it outlives this command.
    setsid bash "$SCRIPT" _supervise "$node" </dev/null >>"$dir/supervisor.log" 2>&1 9>&- &
}

# Waits until node's silo answers /health/live; fails with its log when its supervisor gave up.
wait_serving() {
    local node=$1 dir deadline=$((SECONDS + START_TIMEOUT))
    dir=$(node_dir "$node")
    load_node "$node"
    while ((SECONDS < deadline)); do
        if http_get -f -o /dev/null "http://127.0.0.1:$HTTP_PORT/health/live" 2>/dev/null; then
            return 0
        fi
        local supervisor
        supervisor=$(read_pid "$dir/supervisor.pid")
        if [[ -n $supervisor ]] && ! running "$supervisor"; then
            note "the silo of node-$node did not start; the end of $dir/silo.log:"
            tail -n 20 "$dir/silo.log" >&2 || true
            return 1
        fi
        sleep 0.3
    done
    note "the silo of node-$node did not serve http://127.0.0.1:$HTTP_PORT/health/live within $START_TIMEOUT s; the end of $dir/silo.log:"
    tail -n 20 "$dir/silo.log" >&2 || true
    return 1
}

# ---- stopping, shared by down, stop and a failed up ----

# SIGTERM to the recorded process of each node ($1: pid file name, $2: how its command line names the node, with
# NODE for the node's number), then SIGKILL to those still there after $3 seconds.
stop_recorded() {
    local file=$1 marker=$2 grace=$3 pids=() node pid
    shift 3
    for node in "$@"; do
        pid=$(read_pid "$(node_dir "$node")/$file")
        if is_ours "$pid" "${marker//NODE/$node}"; then
            kill -TERM "$pid" 2>/dev/null || true
            pids+=("$pid")
        fi
    done
    if ((${#pids[@]})) && ! wait_gone "$grace" "${pids[@]}"; then
        [ "$file" = silo.pid ] && note "some silos did not stop within $grace s; killing them"
        for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
        wait_gone 5 "${pids[@]}" || true
    fi
}

stop_supervisors() { stop_recorded supervisor.pid "_supervise NODE " 10 "$@"; }

# A silo leaves the cluster gracefully on SIGTERM (a few seconds); one that does not is killed.
stop_silos() { stop_recorded silo.pid "--node-id node-NODE " 30 "$@"; }

postmaster_pid() {
    head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true
}

stop_postgres() {
    local pid
    pid=$(postmaster_pid)
    running "$pid" || return 0
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
    fi
    wait_gone 10 "$pid" || note "PostgreSQL (pid $pid) did not stop; see $PG_DIR/server.log"
}

stop_everything() {
    local nodes
    mapfile -t nodes < <(seq 1 "$NODES")
    stop_supervisors "${nodes[@]}"
    stop_silos "${nodes[@]}"
    stop_postgres
}

anything_running() {
    local node
    for node in $(seq 1 "$NODES"); do
        if is_ours "$(read_pid "$(node_dir "$node")/supervisor.pid")" "_supervise $node " \
            || is_ours "$(read_pid "$(node_dir "$node")/silo.pid")" "--node-id node-$node "; then
            return 0
        fi
    done
    running "$(postmaster_pid)"
}

# Removes exactly the files up created, never anything else in the folder.
remove_files() {
    rm -rf "$STATE/nodes" "$STATE/postgres" "$STATE/postgres.pid" "$STATE/cluster.env" "$STATE/client.env" "$STATE/connection-string" "$STATE/schema.log"
    if [[ $PG_DIR != "$STATE/postgres" && -f $PG_DIR/.r1-cluster ]]; then
        rm -rf "$PG_DIR"
    fi
    rm -f "$STATE/lock"
    rmdir "$STATE" 2>/dev/null || true
}

# ---- commands ----

cmd_up() {
    local nodes=${1:-}
    [[ $nodes =~ ^[1-9][0-9]*$ ]] || die "up needs the number of silos, e.g. scripts/cluster.sh up 3 (got '${nodes}')"
    shift
    local traffic=memory cluster_id=ratio1 build=auto extra=()
    while (($#)); do
        case $1 in
            --traffic)
                traffic=${2:-}
                [[ $traffic == memory || $traffic == adonet ]] || die "--traffic must be memory or adonet, not '${traffic}'"
                shift 2
                ;;
            --cluster-id)
                cluster_id=${2:-}
                [[ $cluster_id =~ ^[A-Za-z0-9._-]+$ ]] || die "--cluster-id must be letters, digits, '.', '_' or '-', not '${cluster_id}'"
                shift 2
                ;;
            --no-build) build=no; shift ;;
            --) shift; extra=("$@"); break ;;
            *) die "up: unknown option '$1' (options: --traffic memory|adonet, --cluster-id ID, --no-build, -- SILO-OPTION...)" ;;
        esac
    done
    command -v curl >/dev/null || die "curl is needed to ask the silos' /health; install it (apt-get install -y curl)"
    command -v setsid >/dev/null || die "setsid (util-linux) is needed to detach the supervisors"

    take_lock
    if [[ -f $STATE/cluster.env ]]; then
        # shellcheck source=/dev/null
        source "$STATE/cluster.env"
        if anything_running; then
            die "a cluster is already running from $STATE ($NODES silos, started $STARTED); see scripts/cluster.sh status, stop it with scripts/cluster.sh down (another state folder: R1_CLUSTER_DIR)"
        fi
        die "$STATE holds the files of a stopped cluster (kept after a failed start or down --keep); remove them with scripts/cluster.sh down"
    fi

    local dotnet=${R1_DOTNET:-${DOTNET_HOST_PATH:-dotnet}}
    command -v "$dotnet" >/dev/null || die "dotnet not found ('$dotnet'); install the .NET 10 SDK or set R1_DOTNET"
    local silo_dll=${R1_SILO_DLL:-$DEFAULT_SILO_DLL}
    if [[ -n ${R1_SILO_DLL:-} ]]; then
        [[ -f $silo_dll ]] || die "R1_SILO_DLL '$silo_dll': no such file"
    elif [[ $build == no ]]; then
        [[ -f $silo_dll ]] || die "--no-build, but the silo is not built ($silo_dll)"
    elif [[ ! -f $silo_dll ]] || [[ -n $(find "$REPO" \( -name bin -o -name obj -o -name .git -o -name tests -o -name bench \
        -o -name client -o -name examples -o -path "$STATE" \) -prune -o -type f \
        \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.sql' -o -name appsettings.json \) \
        -newer "$silo_dll" -print -quit) ]]; then
        note "building the silo (dotnet build -c Release silo/)"
        "$dotnet" build "$REPO/silo" -c Release -v q -nologo >&2 || die "the silo did not build"
    fi
    silo_dll=$(readlink -f "$silo_dll")

    local pg_bin pg_dir
    pg_bin=$(postgres_bin)
    local ports
    read -r -a ports <<<"$(free_ports $((3 * nodes + 1)))"
    local pg_port=${ports[0]}

    # From here on a failure stops what was started and keeps the logs.
    NODES=$nodes
    PG_BIN=$pg_bin
    PG_DIR=$STATE/postgres
    trap 'up_failed' EXIT
    mkdir -p "$STATE/nodes"
    local node
    for node in $(seq 1 "$nodes"); do
        mkdir -p "$(node_dir "$node")/data"
        local base=$((1 + 3 * (node - 1)))
        printf 'SILO_PORT=%s\nGATEWAY_PORT=%s\nHTTP_PORT=%s\n' "${ports[base]}" "${ports[base + 1]}" "${ports[base + 2]}" >"$(node_dir "$node")/ports"
    done

    mkdir -p "$PG_DIR"
    if ((EUID == 0)); then
        chown postgres "$PG_DIR"
        if ! runuser -u postgres -- test -w "$PG_DIR"; then
            # The postgres user cannot reach the state folder (e.g. under /root): its data goes to a temp folder.
            rmdir "$PG_DIR"
            PG_DIR=$(mktemp -d /tmp/r1-cluster-pg.XXXXXX)
            chown postgres "$PG_DIR"
        fi
    fi
    touch "$PG_DIR/.r1-cluster"

    {
        printf 'NODES=%q\nCLUSTER_ID=%q\nTRAFFIC=%q\nPG_PORT=%q\nPG_BIN=%q\nPG_DIR=%q\nDOTNET=%q\nSILO_DLL=%q\nSTARTED=%q\n' \
            "$nodes" "$cluster_id" "$traffic" "$pg_port" "$pg_bin" "$PG_DIR" "$dotnet" "$silo_dll" "$(date -u +%FT%TZ)"
        printf 'SILO_EXTRA=('
        ((${#extra[@]} == 0)) || printf '%q ' "${extra[@]}"
        printf ')\n'
    } >"$STATE/cluster.env"

    note "starting PostgreSQL on 127.0.0.1:$pg_port ($pg_bin)"
    as_postgres "$pg_bin/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --no-sync >"$PG_DIR/initdb.log" 2>&1 \
        || { tail -n 20 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
    # TCP on loopback only (no Unix socket: the folder's path may be too long for one).
    as_postgres "$pg_bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200" start >/dev/null 9>&- \
        || { tail -n 20 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
    postmaster_pid >"$STATE/postgres.pid"
    "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres ratio1 || die "could not create the database ratio1"
    local connection_string="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=ratio1"
    (umask 077 && echo "$connection_string" >"$STATE/connection-string")

    note "applying the schema (db init)"
    "$dotnet" "$silo_dll" db init --storage postgres --connection-string-file "$STATE/connection-string" >"$STATE/schema.log" 2>&1 \
        || { cat "$STATE/schema.log" >&2; die "db init failed"; }

    note "starting $(silos_text "$nodes")"
    # shellcheck source=/dev/null
    source "$STATE/cluster.env"
    for node in $(seq 1 "$nodes"); do
        start_supervisor "$node"
    done
    for node in $(seq 1 "$nodes"); do
        wait_serving "$node" || die "the cluster did not start"
    done
    trap - EXIT

    local gateways=()
    for node in $(seq 1 "$nodes"); do
        load_node "$node"
        gateways+=("127.0.0.1:$GATEWAY_PORT")
    done
    local joined
    joined=$(IFS=,; echo "${gateways[*]}")
    {
        printf 'R1_GATEWAYS=%s\n' "$joined"
    } >"$STATE/client.env"
    print_connection "$joined" "$connection_string"
}

up_failed() {
    note "stopping what was started; logs are kept in $STATE (scripts/cluster.sh down removes them)"
    stop_everything
}

print_connection() {
    local joined=$1 connection_string=$2 gateway_options="" csharp=""
    local gateway
    for gateway in ${joined//,/ }; do
        gateway_options+=" --gateway $gateway"
        csharp+="${csharp:+, }\"$gateway\""
    done
    local traffic_options="" traffic_csharp=""
    if [[ $TRAFFIC == adonet ]]; then
        traffic_options=" --traffic adonet --traffic-connection-string \"$connection_string\""
        traffic_csharp=", Traffic = TrafficProvider.AdoNet, TrafficConnectionString = \"$connection_string\""
    fi
    cat <<EOF
Cluster '$CLUSTER_ID' is up: $(silos_text "$NODES"), PostgreSQL on 127.0.0.1:$PG_PORT, traffic $TRAFFIC.
Loopback only, security off (no admins, no TLS, no web token): for this machine, never for a network.
State, logs and pids: $STATE (scripts/cluster.sh status | down)

r1ctl (dotnet run --project client/r1ctl -- ...):
  export R1_GATEWAYS=$joined
  r1ctl nodes --cluster-id $CLUSTER_ID$traffic_options
  r1ctl nodes$gateway_options --cluster-id $CLUSTER_ID$traffic_options

.NET:
  new Ratio1SessionOptions { Gateways = [$csharp], ClusterId = "$CLUSTER_ID"$traffic_csharp }
EOF
}

cmd_status() {
    load_cluster
    local pg_pid pg_state=stopped
    pg_pid=$(postmaster_pid)
    if running "$pg_pid"; then pg_state="running, pid $pg_pid"; fi
    echo "Cluster '$CLUSTER_ID' from $STATE, started $STARTED, traffic $TRAFFIC"
    echo "PostgreSQL 127.0.0.1:$PG_PORT: $pg_state"
    printf '%-8s %-18s %-14s %-6s %-8s %-6s %-9s %s\n' NODE SUPERVISOR SILO SILO GATEWAY HTTP RESTARTS HEALTH
    local node healthy=0
    for node in $(seq 1 "$NODES"); do
        load_node "$node"
        local dir supervisor silo health
        dir=$(node_dir "$node")
        supervisor=$(read_pid "$dir/supervisor.pid")
        silo=$(read_pid "$dir/silo.pid")
        is_ours "$supervisor" "_supervise $node " && supervisor="$supervisor" || supervisor="- (stopped)"
        is_ours "$silo" "--node-id node-$node " && silo="$silo" || silo="- (stopped)"
        health=$(http_get "http://127.0.0.1:$HTTP_PORT/health" 2>/dev/null) || health="no answer"
        [[ $health == *'"status":"ok"'* ]] && healthy=$((healthy + 1))
        printf '%-8s %-18s %-14s %-6s %-8s %-6s %-9s %s\n' "node-$node" "$supervisor" "$silo" "$SILO_PORT" "$GATEWAY_PORT" "$HTTP_PORT" \
            "$(cat "$dir/restarts" 2>/dev/null || echo 0)" "$health"
    done
    local traffic_options=""
    if [[ $TRAFFIC == adonet ]]; then
        traffic_options=" --traffic adonet --traffic-connection-string \"$(cat "$STATE/connection-string")\""
    fi
    echo "Clients: export $(cat "$STATE/client.env" 2>/dev/null || echo "R1_GATEWAYS=?"); r1ctl nodes --cluster-id $CLUSTER_ID$traffic_options"
    # Exit 0 only when every silo is healthy, so scripts can wait on it.
    ((healthy == NODES))
}

cmd_down() {
    local keep=0
    case ${1:-} in
        "") ;;
        --keep) keep=1 ;;
        *) die "down: unknown option '$1' (option: --keep)" ;;
    esac
    if [[ ! -f $STATE/cluster.env ]]; then
        note "no cluster in $STATE; nothing to stop"
        return 0
    fi
    take_lock
    load_cluster
    note "stopping the cluster from $STATE: supervisors, then silos, then PostgreSQL"
    stop_everything
    if ((keep)); then
        note "stopped; its files are kept in $STATE (scripts/cluster.sh down removes them)"
    else
        remove_files
        note "stopped and removed"
    fi
}

node_number() {
    [[ ${1:-} =~ ^[1-9][0-9]*$ ]] || die "give a node number, e.g. 2 for node-2 (got '${1:-}')"
    ((10#$1 <= NODES)) || die "node-$1 is not part of the cluster in $STATE (nodes 1 to $NODES)"
    echo $((10#$1))
}

cmd_kill() {
    load_cluster
    local node pid stay_down=0
    node=$(node_number "${1:-}")
    case ${2:-} in
        "") ;;
        --stay-down) stay_down=1 ;;
        *) die "kill: unknown option '$2' (option: --stay-down)" ;;
    esac
    pid=$(read_pid "$(node_dir "$node")/silo.pid")
    is_ours "$pid" "--node-id node-$node " || die "the silo of node-$node is not running"
    if ((stay_down)); then
        take_lock
        stop_supervisors "$node"
    fi
    kill -KILL "$pid"
    if ((stay_down)); then
        note "killed the silo of node-$node (pid $pid, kill -9) and stopped its supervisor: it stays down (scripts/cluster.sh start $node)"
    else
        note "killed the silo of node-$node (pid $pid, kill -9); its supervisor starts it again in about 2 s"
    fi
}

cmd_stop() {
    load_cluster
    local node
    node=$(node_number "${1:-}")
    take_lock
    stop_supervisors "$node"
    stop_silos "$node"
    note "node-$node stopped (scripts/cluster.sh start $node starts it again)"
}

cmd_start() {
    load_cluster
    local node
    node=$(node_number "${1:-}")
    take_lock
    running "$(postmaster_pid)" || die "PostgreSQL of this cluster is not running; start a new cluster (down, then up)"
    if is_ours "$(read_pid "$(node_dir "$node")/supervisor.pid")" "_supervise $node " \
        || is_ours "$(read_pid "$(node_dir "$node")/silo.pid")" "--node-id node-$node "; then
        die "node-$node is running (scripts/cluster.sh restart $node stops it first)"
    fi
    start_supervisor "$node"
    wait_serving "$node" || die "node-$node did not start"
    note "node-$node is serving"
}

main() {
    local command=${1:-}
    (($#)) && shift
    case $command in
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        kill) cmd_kill "$@" ;;
        stop) cmd_stop "$@" ;;
        start) cmd_start "$@" ;;
        restart) cmd_stop "$@" && cmd_start "$@" ;;
        _supervise) supervise "$@" ;;
        *) usage ;;
    esac
}

main "$@"
