#!/usr/bin/env bash
# The loopback echo benchmark (BENCHMARKS.md, "Echo"): every server runs on core 0, the one load
# generator (dev.weft.bench.echo.EchoLoad) in its own JVM on core 1, for each number of connections.
#
#   benchmarks/echo/run.sh JAR [SERVER...]     SERVER: weft weft-into nio netty virtual-threads cpython
#   env: CONNECTIONS ("1 100 1000"), ROUND_TRIPS (1000000), WARMUP (200000), TRIALS (1),
#        JAVA (JDK 25), PORT (29170), CLIENT (load: the NIO load generator; weft: WeftEchoLoad)
set -euo pipefail
JAR=$(realpath "$1"); shift
SERVERS=${*:-weft nio netty virtual-threads cpython}
CLIENT=${CLIENT:-load}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
CONNECTIONS=${CONNECTIONS:-1 100 1000}
ROUND_TRIPS=${ROUND_TRIPS:-1000000}
WARMUP=${WARMUP:-200000}
TRIALS=${TRIALS:-1}
PORT=${PORT:-29170}
CONTROL=$((PORT + 1))
case $CLIENT in
    load) LOAD=dev.weft.bench.echo.EchoLoad ;;
    weft) LOAD=dev.weft.bench.echo.WeftEchoLoad ;;
    *) echo "unknown client $CLIENT" >&2; exit 2 ;;
esac
HERE=$(dirname "$(realpath "$0")")
JVM="$JAVA -Xmx1g -XX:+UseG1GC -cp $JAR"

server_command() {
    case $1 in
        weft) echo "$JVM dev.weft.bench.echo.WeftEchoServer $PORT $CONTROL" ;;
        weft-into) echo "$JVM -Decho.readInto=true dev.weft.bench.echo.WeftEchoServer $PORT $CONTROL" ;;
        nio) echo "$JVM dev.weft.bench.echo.NioEchoServer $PORT $CONTROL" ;;
        netty) echo "$JVM dev.weft.bench.echo.NettyEchoServer $PORT $CONTROL" ;;
        virtual-threads) echo "$JVM -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1 dev.weft.bench.echo.VirtualThreadEchoServer $PORT $CONTROL" ;;
        cpython) echo "python3 $HERE/echo_server.py $PORT $CONTROL" ;;
        *) echo "unknown server $1" >&2; exit 2 ;;
    esac
}

wait_for_port() {
    for _ in $(seq 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "nothing listens on port $1" >&2; return 1
}

for server in $SERVERS; do
    for trial in $(seq "$TRIALS"); do
        taskset -c 0 $(server_command "$server") > "/tmp/echo-server-$server.log" 2>&1 &
        pid=$!
        wait_for_port "$CONTROL"; wait_for_port "$PORT"   # Netty binds after the control port opens
        for n in $CONNECTIONS; do
            taskset -c 1 $JVM "$LOAD" "$server" "$PORT" "$CONTROL" "$n" "$ROUND_TRIPS" "$WARMUP" | grep RESULT || true
        done
        kill "$pid"; wait "$pid" 2>/dev/null || true
    done
done
