#!/usr/bin/env bash
# Starts the demo exchange network on loopback: the hub (8080), the Shijingshan node with the demo district
# (8081, county 110107) and a Baoding/Zhoukou node (8082, the counties of 保定 130600 and 周口 411600), each
# with a data folder (and embedded database) of its own under $DEMO_NET_DIR (default ./demo-network).
# Keys are made once with openssl so that every server can be given the others' public keys up front;
# Baoding knows only the hub and loads the rest from the hub's signed directory, so it starts once the hub answers.
# Shijingshan generates the demo district (--demo) and Baoding, with the same seed, the partner's side of the
# district's exchange history with its counties (--demo-exchange-partner): the same messages, received where
# Shijingshan sent them and sent where it received them. Each then sends its scorecards of 2011–2013 to the other.
# Usage: scripts/demo-network.sh [start|stop]   (build first: ./mvnw -o -B package -DskipTests)
set -euo pipefail

ROOT=${DEMO_NET_DIR:-./demo-network}
JAR=${JAR:-$(ls target/liudong-*.jar 2>/dev/null | grep -v original | head -n 1)}
HUB_PORT=${HUB_PORT:-8080}
SJS_PORT=${SJS_PORT:-8081}
BD_PORT=${BD_PORT:-8082}
SEED=${DEMO_SEED:-20121231}
SJS_COUNTIES=110107
BD_COUNTIES=130602,130606,130607,130608,130609,130623,130624,130626,130627,130628,130629,130630,130631,130632,\
130633,130634,130635,130636,130637,130638,130681,130682,130683,130684,\
411602,411603,411621,411622,411623,411624,411625,411627,411628,411681

b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

# An Ed25519 signing pair and an X25519 agreement pair in the form NodeKeys reads (base64url PKCS#8 / X.509).
keys() {
  local dir="$1/exchange"
  mkdir -p "$dir" && chmod 700 "$dir"
  for pair in signing:ed25519 agreement:x25519; do
    local name=${pair%%:*} alg=${pair##*:}
    if [ ! -f "$dir/$name.key" ]; then
      local pem
      pem=$(openssl genpkey -algorithm "$alg")
      (umask 077; printf '%s\n' "$pem" | openssl pkey -outform DER | b64url > "$dir/$name.key")
      printf '%s\n' "$pem" | openssl pkey -pubout -outform DER | b64url > "$dir/$name.pub"
    fi
  done
}

pub() { cat "$ROOT/$1/exchange/$2.pub"; }

# peer <index> <node folder> <code> <url or ""> <counties> <hub true|false>
peer() {
  local p="--liudong.node.peers[$1]"
  printf '%s ' "$p.code=$3" "$p.url=$4" "$p.signing-key=$(pub "$2" signing)" \
    "$p.agreement-key=$(pub "$2" agreement)" "$p.counties=$5" "$p.hub=$6"
}

start() {
  local name=$1 port=$2; shift 2
  echo "Starting $name on port $port (log $ROOT/$name.log)"
  nohup java -jar "$JAR" --server.port="$port" --liudong.data-dir="$ROOT/$name" \
    --liudong.exchange.pseudonym-key="$(cat "$ROOT/pseudonym.key")" \
    --liudong.node.url="http://127.0.0.1:$port" "$@" > "$ROOT/$name.log" 2>&1 &
  echo $! > "$ROOT/$name.pid"
}

if [ "${1:-start}" = "stop" ]; then
  for name in baoding shijingshan hub; do
    if [ -f "$ROOT/$name.pid" ]; then kill "$(cat "$ROOT/$name.pid")" 2>/dev/null || true; rm -f "$ROOT/$name.pid"; fi
  done
  exit 0
fi

[ -n "$JAR" ] || { echo "No target/liudong-*.jar: run ./mvnw -o -B package -DskipTests first" >&2; exit 1; }
mkdir -p "$ROOT"
# every node derives the same pseudonym of a person's ID number, so both sides name a person alike
[ -f "$ROOT/pseudonym.key" ] || (umask 077; openssl rand -base64 32 > "$ROOT/pseudonym.key")
for name in hub shijingshan baoding; do keys "$ROOT/$name"; done

HUB="http://127.0.0.1:$HUB_PORT"
set -f  # the peers[i] options below are not file patterns
# shellcheck disable=SC2046
start hub "$HUB_PORT" --liudong.node.mode=hub --liudong.node.code=HUB --liudong.node.counties= \
  $(peer 0 shijingshan 110107 "http://127.0.0.1:$SJS_PORT" "$SJS_COUNTIES" false) \
  $(peer 1 baoding baoding "http://127.0.0.1:$BD_PORT" "$BD_COUNTIES" false)
# shellcheck disable=SC2046
start shijingshan "$SJS_PORT" --demo --demo.seed="$SEED" --liudong.node.code=110107 \
  --liudong.node.counties="$SJS_COUNTIES" \
  $(peer 0 hub HUB "$HUB" "" true) \
  $(peer 1 baoding baoding "" "$BD_COUNTIES" false)
echo "Waiting for the hub to publish its directory …"
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "$HUB/api/exchange/v1/directory" && break
  sleep 1
done
# shellcheck disable=SC2046
start baoding "$BD_PORT" --demo-exchange-partner --demo.seed="$SEED" --liudong.org.root=1306 --liudong.node.code=baoding \
  --liudong.node.counties="$BD_COUNTIES" --liudong.node.directory-url="$HUB/api/exchange/v1/directory" \
  $(peer 0 hub HUB "$HUB" "" true)
echo "Hub $HUB, Shijingshan http://127.0.0.1:$SJS_PORT, Baoding/Zhoukou http://127.0.0.1:$BD_PORT"
echo "First-start passwords are in each node's log and in $ROOT/<node>/initial-passwords; stop with: $0 stop"
