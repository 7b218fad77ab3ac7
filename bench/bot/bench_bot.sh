# shellcheck shell=bash
# `scripts/bench bot`, sourced by scripts/bench (which set ROOT, sourced scripts/lib.sh,
# bootstrapped and built, and defined median/field, SECONDS_PER_RUN and RUNS).
#
# 1. A fresh database crm_bench_bot with leads L-1..L-1000 of the tenant/sender the load uses
#    (build/bench/bot/bench_seed_leads).
# 2. The channel stand-in of the peer harness (../shared/peers/channel.js: OpenID metadata,
#    JWKS, signed tokens, token endpoint on http :3980), and crmbot with auth on against it,
#    replying to the harness's nginx mock connector (http://127.0.0.1:3981/).
# 3. RUNS times, interleaved: run-peer-bench.sh against crmbot (BOT_URL/BOT_PID), then against
#    the peer itself (VARIANTS=auth-reply); identical wrk load (-t2 -c64, teams-message.lua).
# 4. RUNS times: bench_steady_load at a constant STEADY_RATE requests/s (open loop, latency
#    from the intended send time), against the same crmbot.
# Prints RUN lines and SUMMARY lines (medians). req_s is what the load generator measured (HTTP
# answers; crmbot answers 200 before it replies), replied_req_s the replies that reached the mock
# connector per second of the run; messages_total/replies_total (crmbot's /metrics, after the send
# queue drained) say whether every message got its reply in the end.
# Everything it starts is stopped by pid at exit.
# Without ../shared/peers the comparison is skipped (said so) and crmbot is measured with
# bench/bot/mock_channel.js and bench_steady_load in closed loop (64 connections) instead.
#
# Ports (loopback only): BOT_PORT (3978) crmbot, 3979 the peer, 3980 channel, 3981 mock
# connector (nginx), 443 the channel's TLS token endpoint (the peer's MSAL needs it).

BENCH_BOT_PIDS=()
BENCH_BOT_NGINX_PID=''
BENCH_BOT_DB=crm_bench_bot

# Debian packages this benchmark needs beyond scripts/bootstrap's list; same check as there.
bench_bot_packages() {
  local packages=(wrk nginx-light curl) installed missing=() pkg
  have node || packages+=(nodejs)
  have npm || packages+=(npm)
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
  for pkg in "${packages[@]}"; do
    grep -qxF "$pkg install ok installed" <<<"$installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing missing packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

bench_bot_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

bench_bot_wait_port() { # port seconds
  local i
  for i in $(seq 1 $(($2 * 10))); do
    bench_bot_port_busy "$1" && return 0
    sleep 0.1
  done
  return 1
}

bench_bot_start() { # logfile command... -> BENCH_BOT_LAST_PID
  local logfile=$1
  shift
  "$@" >"$logfile" 2>&1 &
  BENCH_BOT_LAST_PID=$!
  BENCH_BOT_PIDS+=("$BENCH_BOT_LAST_PID")
}

bench_bot_stop_pid() { # pid: TERM, up to 15 s, then KILL
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317  # invoked through the EXIT trap
bench_bot_cleanup() {
  local rc=$? i
  # Newest first: crmbot before the channel it talks to.
  for ((i = ${#BENCH_BOT_PIDS[@]} - 1; i >= 0; i--)); do bench_bot_stop_pid "${BENCH_BOT_PIDS[i]}"; done
  BENCH_BOT_PIDS=()
  if [ "${KEEP_BENCH_DB:-0}" != 1 ]; then
    "$ROOT/scripts/db" drop "$BENCH_BOT_DB" >/dev/null 2>&1 || true
  fi
  exit "$rc"
}

# The crmbot counters of /metrics that tell whether every message got its reply.
bench_bot_counters() { # port -> "messages replies"
  curl -s "http://127.0.0.1:$1/metrics" | awk '
    /^crmbot_requests_total\{type="message",status="200"\}/ { m = $2 }
    /^crmbot_outbound_requests_total\{operation="reply",status="200"\}/ { r = $2 }
    END { printf "%d %d\n", m, r }'
}

# Waits until every message counted so far has its reply (the send queue drained, retries
# included), or the reply counter stood still for 10 s, or 40 s passed.
bench_bot_drain() { # port "messages replies" before the run
  local now last='' still=0 i
  for i in $(seq 1 80); do
    now=$(bench_bot_counters "$1")
    [ $((${now% *} - ${2% *})) -eq $((${now#* } - ${2#* })) ] && return 0
    if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; fi
    [ "$still" -ge 20 ] && return 0
    last=$now
    sleep 0.5
  done
}

# Messages and replies since the counters `before` ("messages replies"): sets m and r,
# and adds the replies still missing to missing_total (the caller's variables).
bench_bot_count_replies() { # port before
  local now
  now=$(bench_bot_counters "$1")
  m=$(($(cut -d' ' -f1 <<<"$now") - $(cut -d' ' -f1 <<<"$2")))
  r=$(($(cut -d' ' -f2 <<<"$now") - $(cut -d' ' -f2 <<<"$2")))
  missing_total=$((missing_total + m - r))
}

bench_bot_nginx() { # state dir port -> starts the mock connector, appends to <state>/connector.log
  local dir=$1/nginx-mock
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log $1/connector.log combined buffer=256k flush=1s;
    client_body_temp_path $dir/body;
    server {
        listen 127.0.0.1:$2;
        location /v3/ { default_type application/json; return 200 '{"id":"1"}'; }
        location / { return 404; }
    }
}
NGINX
  bench_bot_start "$dir/nginx.out" nginx -p "$dir" -c "$dir/nginx.conf"
  BENCH_BOT_NGINX_PID=$BENCH_BOT_LAST_PID
  bench_bot_wait_port "$2" 10 || die "the mock connector (nginx) did not open port $2; see $dir"
}

bench_bot_nginx_stop() {
  local keep=() p
  bench_bot_stop_pid "$BENCH_BOT_NGINX_PID"
  for p in "${BENCH_BOT_PIDS[@]}"; do [ "$p" = "$BENCH_BOT_NGINX_PID" ] || keep+=("$p"); done
  BENCH_BOT_PIDS=("${keep[@]}")
  local i
  for i in $(seq 1 50); do bench_bot_port_busy "$1" || return 0; sleep 0.1; done
  die "port $1 is still in use after stopping the mock connector"
}

bench_bot() {
  local app_id=00000000-0000-0000-0000-00000000b07a
  local channel_port=3980 connector_port=3981 peer_port=3979
  local bot_port=${BOT_PORT:-3978}
  local service_url="http://127.0.0.1:$connector_port/"
  local warmup=${WARMUP:-5} rate=${STEADY_RATE:-1000}
  local threads=${BOT_THREADS:-1} workers=${BOT_WORKERS:-4}
  local peers=${PEERS_DIR:-$ROOT/../shared/peers}
  local out
  out=$ROOT/build/bench-bot/$(date +%Y%m%d-%H%M%S)
  mkdir -p "$out/channel"
  peers=$(readlink -f "$peers" 2>/dev/null || echo "$peers")
  local with_peer=1
  if [ ! -x "$peers/run-peer-bench.sh" ] || [ ! -f "$peers/channel.js" ]; then
    with_peer=0
    log "NOTE: the peer harness is not at $peers (PEERS_DIR): the comparison with the peer is SKIPPED;"
    log "      crmbot alone is measured with bench/bot/mock_channel.js and bench_steady_load (closed loop, 64 connections)"
  fi

  bench_bot_packages
  local p
  for p in "$bot_port" "$channel_port" "$connector_port" 443 $([ "$with_peer" = 1 ] && echo "$peer_port"); do
    if bench_bot_port_busy "$p"; then
      die "port $p on 127.0.0.1 is in use; the bot benchmark needs $bot_port (BOT_PORT), $peer_port, $channel_port, $connector_port and 443"
    fi
  done
  if [ "$with_peer" = 1 ] && [ ! -d "$peers/node_modules/botbuilder" ]; then
    log "npm ci in $peers (the peer's dependencies)"
    (cd "$peers" && npm ci --no-audit --no-fund >&2)
  fi
  trap bench_bot_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # --- database ---------------------------------------------------------------------------------
  local url
  "$ROOT/scripts/db" drop "$BENCH_BOT_DB" >/dev/null 2>&1 || true
  url=$("$ROOT/scripts/db" create "$BENCH_BOT_DB")
  log "seeding $BENCH_BOT_DB with leads L-1..L-1000"
  "$ROOT/build/bench/bot/bench_seed_leads" --database "$url" --count 1000 >&2

  # --- channel stand-in ---------------------------------------------------------------------------
  local state=$out/channel
  if [ "$with_peer" = 1 ]; then
    bench_bot_start "$out/channel.log" env CHANNEL_PORT="$channel_port" LOGIN_TLS_PORT=443 STATE_DIR="$state" \
      APP_ID="$app_id" SERVICE_URL="$service_url" node "$peers/channel.js"
    for _ in $(seq 1 100); do [ -f "$state/channel.ready" ] && break; sleep 0.1; done
    [ -f "$state/channel.ready" ] || { cat "$out/channel.log" >&2; die "channel.js did not start"; }
  else
    bench_bot_start "$out/channel.log" env PORT="$channel_port" STATE_DIR="$state" APP_ID="$app_id" \
      SERVICE_URL="$service_url" node "$ROOT/bench/bot/mock_channel.js"
    for _ in $(seq 1 100); do [ -f "$state/ready" ] && break; sleep 0.1; done
    [ -f "$state/ready" ] || { cat "$out/channel.log" >&2; die "mock_channel.js did not start"; }
  fi

  # --- crmbot, authentication on, as the peer harness configures the peer -----------------------
  log "starting crmbot on 127.0.0.1:$bot_port (CRMBOT_THREADS=$threads CRMBOT_WORKERS=$workers${BOT_ENV:+ $BOT_ENV})"
  local bot_env=()
  # shellcheck disable=SC2206  # BOT_ENV is a list of VAR=value words on purpose
  [ -z "${BOT_ENV:-}" ] || bot_env=($BOT_ENV)
  bench_bot_start "$out/crmbot.log" env -u CRMBOT_LOCAL_DEV -u CRMBOT_BIND -u MicrosoftAppTenantId \
    -u CRMBOT_SERVICE_URL_HOSTS \
    DATABASE_URL="$url" PORT="$bot_port" CRMBOT_BIND=127.0.0.1 \
    CRMBOT_THREADS="$threads" CRMBOT_WORKERS="$workers" CRMBOT_LOG_LEVEL=warn \
    MicrosoftAppId="$app_id" MicrosoftAppPassword=bench-secret MicrosoftAppType=MultiTenant \
    ToBotFromChannelOpenIdMetadataUrl="http://127.0.0.1:$channel_port/v1/.well-known/openidconfiguration" \
    ToBotFromChannelTokenIssuer=https://api.botframework.com \
    ToChannelFromBotLoginUrl="http://127.0.0.1:$channel_port/botframework.com" \
    ToChannelFromBotOAuthScope=https://api.botframework.com \
    "${bot_env[@]}" "$ROOT/build/bot/crmbot" serve
  local bot_pid=$BENCH_BOT_LAST_PID
  local ready=0
  for _ in $(seq 1 100); do
    if [ "$(curl -s "http://127.0.0.1:$bot_port/readyz" 2>/dev/null)" = '{"status":"ready"}' ]; then ready=1; break; fi
    kill -0 "$bot_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ "$ready" = 1 ] || { tail -n 20 "$out/crmbot.log" >&2; die "crmbot did not become ready"; }

  local token_url="http://127.0.0.1:$channel_port/token?aud=$app_id&serviceurl=$service_url"
  local steady=("$ROOT/build/bench/bot/bench_steady_load" --url "http://127.0.0.1:$bot_port/api/messages"
    --token-url "$token_url" --service-url "$service_url" --app-id "$app_id" --leads 1000)
  printf '# %s nproc=%s load=%s crmbot CRMBOT_THREADS=%s CRMBOT_WORKERS=%s%s runs=%s duration=%ss warmup=%ss out=%s\n' \
    "$(date -Is)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$threads" "$workers" "${BOT_ENV:+ BOT_ENV=$BOT_ENV}" "$RUNS" \
    "$SECONDS_PER_RUN" "$warmup" "$out"

  # --- closed loop: the harness's load, ours and the peer's, interleaved ------------------------
  local ours_rs=() ours_replied=() peer_replied=() ours_p50=() ours_p99=() ours_rss=() ours_cpu=() peer_rs=() peer_p50=() peer_p99=() peer_rss=() peer_cpu=()
  local missing_total=0 i line c0 m r harness_env
  # The harness starts its own mock connector (nginx on the same port) for each of its runs.
  [ "$with_peer" = 1 ] || bench_bot_nginx "$out" "$connector_port"
  for i in $(seq 1 "$RUNS"); do
    c0=$(bench_bot_counters "$bot_port")
    if [ "$with_peer" = 1 ]; then
      harness_env=(env CHANNEL_STATE="$state" APP_ID="$app_id" CHANNEL_PORT="$channel_port" CONNECTOR=nginx
        CONNECTOR_PORT="$connector_port" PEER_PORT="$peer_port" RUNS=1 DURATION="${SECONDS_PER_RUN}s" WARMUP="${warmup}s")
      line=$("${harness_env[@]}" OUT="$out/ours-$i" BOT_URL="http://127.0.0.1:$bot_port/api/messages" BOT_PID="$bot_pid" \
        VARIANTS=auth-reply "$peers/run-peer-bench.sh" 2>>"$out/harness.err" | tee -a "$out/harness.txt" | grep '^RUN ' || true)
      [ -n "$line" ] || { tail -n 20 "$out/harness.err" >&2; die "run-peer-bench.sh against crmbot printed no RUN line"; }
      ours_rss+=("$(field bot_rss_mb <<<"$line")")
      ours_cpu+=("$(field bot_cpu_pct <<<"$line")")
      # The harness counts the replies its mock connector logged from 1.2 s after the warm-up
      # to 1.2 s after the run: replies delivered per second of the run.
      ours_replied+=("$(awk -v n="$(field replies <<<"$line")" -v d="$SECONDS_PER_RUN" 'BEGIN {printf "%.1f", n / d}')")
    else
      # The same measure without the harness: warm-up, then count the connector's log lines
      # from 1.2 s after the warm-up to 1.2 s after the run (nginx flushes its log every second).
      "${steady[@]}" --rate 0 --connections 64 --warmup 0 --seconds "$warmup" >/dev/null 2>>"$out/steady.err" || true
      sleep 1.2
      local logged0 logged1
      logged0=$(wc -l <"$out/connector.log")
      line=$("${steady[@]}" --rate 0 --connections 64 --warmup 0 --seconds "$SECONDS_PER_RUN" 2>>"$out/steady.err" |
        tee -a "$out/closed.txt" || true)
      [ -n "$line" ] || { tail -n 20 "$out/steady.err" >&2; die "bench_steady_load printed nothing"; }
      sleep 1.2
      logged1=$(wc -l <"$out/connector.log")
      line="${line/achieved_req_s=/req_s=} replies=$((logged1 - logged0))"
      ours_replied+=("$(awk -v n="$((logged1 - logged0))" -v d="$SECONDS_PER_RUN" 'BEGIN {printf "%.1f", n / d}')")
      ours_rss+=("$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$bot_pid/status")")
      ours_cpu+=(n/a)
    fi
    ours_rs+=("$(field req_s <<<"$line")")
    ours_p50+=("$(field p50_ms <<<"$line")")
    ours_p99+=("$(field p99_ms <<<"$line")")
    # Replies still queued when the harness stopped its connector are retried: give them one.
    [ "$with_peer" = 0 ] || bench_bot_nginx "$out" "$connector_port"
    bench_bot_drain "$bot_port" "$c0"
    [ "$with_peer" = 0 ] || bench_bot_nginx_stop "$connector_port"
    bench_bot_count_replies "$bot_port" "$c0"
    printf 'RUN %d ours req_s=%s replied_req_s=%s p50_ms=%s p99_ms=%s bot_rss_mb=%s bot_cpu_pct=%s errors=%s requests=%s replies_in_window=%s messages_total=%s replies_total=%s\n' \
      "$i" "${ours_rs[-1]}" "${ours_replied[-1]}" "${ours_p50[-1]}" "${ours_p99[-1]}" "${ours_rss[-1]}" "${ours_cpu[-1]}" \
      "$(field errors <<<"$line")" "$(field requests <<<"$line")$(field completed <<<"$line")" "$(field replies <<<"$line")" "$m" "$r"

    if [ "$with_peer" = 1 ]; then
      line=$("${harness_env[@]}" OUT="$out/peer-$i" VARIANTS=auth-reply "$peers/run-peer-bench.sh" 2>>"$out/harness.err" |
        tee -a "$out/harness.txt" | grep '^RUN ' || true)
      [ -n "$line" ] || { tail -n 20 "$out/harness.err" >&2; die "run-peer-bench.sh (peer) printed no RUN line"; }
      peer_rs+=("$(field req_s <<<"$line")")
      peer_replied+=("$(awk -v n="$(field replies <<<"$line")" -v d="$SECONDS_PER_RUN" 'BEGIN {printf "%.1f", n / d}')")
      peer_p50+=("$(field p50_ms <<<"$line")")
      peer_p99+=("$(field p99_ms <<<"$line")")
      peer_rss+=("$(field bot_rss_mb <<<"$line")")
      peer_cpu+=("$(field bot_cpu_pct <<<"$line")")
      printf 'RUN %d peer req_s=%s replied_req_s=%s p50_ms=%s p99_ms=%s bot_rss_mb=%s bot_cpu_pct=%s errors=%s requests=%s replies_in_window=%s\n' \
        "$i" "${peer_rs[-1]}" "${peer_replied[-1]}" "${peer_p50[-1]}" "${peer_p99[-1]}" "${peer_rss[-1]}" "${peer_cpu[-1]}" \
        "$(field errors <<<"$line")" "$(field requests <<<"$line")" "$(field replies <<<"$line")"
    fi
  done

  # --- open loop: a constant rate ---------------------------------------------------------------
  [ "$with_peer" = 0 ] || bench_bot_nginx "$out" "$connector_port"
  local st_rate=() st_p50=() st_p99=() st_max=() st_err=0
  for i in $(seq 1 "$RUNS"); do
    c0=$(bench_bot_counters "$bot_port")
    line=$("${steady[@]}" --rate "$rate" --connections 64 --warmup 2 --seconds "$SECONDS_PER_RUN" 2>>"$out/steady.err" |
      tee -a "$out/steady.txt" || true)
    [ -n "$line" ] || { tail -n 20 "$out/steady.err" >&2; die "bench_steady_load printed nothing"; }
    st_rate+=("$(field achieved_req_s <<<"$line")")
    st_p50+=("$(field p50_ms <<<"$line")")
    st_p99+=("$(field p99_ms <<<"$line")")
    st_max+=("$(field max_ms <<<"$line")")
    st_err=$((st_err + $(field errors <<<"$line") + $(field unanswered <<<"$line")))
    bench_bot_drain "$bot_port" "$c0"
    bench_bot_count_replies "$bot_port" "$c0"
    printf 'RUN %d steady %s messages=%s replies_sent=%s\n' "$i" "${line#RESULT }" "$m" "$r"
  done

  # --- a command that writes: closed loop, then the constant rate --------------------------------
  # "comment L-<n> ..." adds a note (and its event, through the outbox trigger) per message.
  local write_cmd='comment L-{n} Called back, demo booked' wr_rs=() wr_p50=() wr_p99=() ws_p50=() ws_p99=() ws_rate=() wr_err=0
  for i in $(seq 1 "$RUNS"); do
    c0=$(bench_bot_counters "$bot_port")
    line=$("${steady[@]}" --command "$write_cmd" --rate 0 --connections 64 --warmup 2 --seconds "$SECONDS_PER_RUN" \
      2>>"$out/steady.err" | tee -a "$out/write.txt" || true)
    [ -n "$line" ] || { tail -n 20 "$out/steady.err" >&2; die "bench_steady_load (write, closed loop) printed nothing"; }
    wr_rs+=("$(field achieved_req_s <<<"$line")")
    wr_p50+=("$(field p50_ms <<<"$line")")
    wr_p99+=("$(field p99_ms <<<"$line")")
    wr_err=$((wr_err + $(field errors <<<"$line") + $(field unanswered <<<"$line")))
    bench_bot_drain "$bot_port" "$c0"
    printf 'RUN %d write-closed %s\n' "$i" "${line#RESULT }"
    c0=$(bench_bot_counters "$bot_port")
    line=$("${steady[@]}" --command "$write_cmd" --rate "$rate" --connections 64 --warmup 2 --seconds "$SECONDS_PER_RUN" \
      2>>"$out/steady.err" | tee -a "$out/write.txt" || true)
    [ -n "$line" ] || { tail -n 20 "$out/steady.err" >&2; die "bench_steady_load (write, constant rate) printed nothing"; }
    ws_rate+=("$(field achieved_req_s <<<"$line")")
    ws_p50+=("$(field p50_ms <<<"$line")")
    ws_p99+=("$(field p99_ms <<<"$line")")
    wr_err=$((wr_err + $(field errors <<<"$line") + $(field unanswered <<<"$line")))
    bench_bot_drain "$bot_port" "$c0"
    bench_bot_count_replies "$bot_port" "$c0"
    printf 'RUN %d write-steady %s messages=%s replies_sent=%s\n' "$i" "${line#RESULT }" "$m" "$r"
  done

  # --- summary ----------------------------------------------------------------------------------
  local hwm not_queued rs prs rrs prrs
  hwm=$(awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$bot_pid/status")
  not_queued=$(grep -c '"reply not queued"' "$out/crmbot.log" || true)
  rs=$(printf '%s\n' "${ours_rs[@]}" | median)
  rrs=$(printf '%s\n' "${ours_replied[@]}" | median)
  local replies_note="all_replied=yes"
  [ "$missing_total" -eq 0 ] || replies_note="all_replied=NO missing_replies=$missing_total reply_not_queued_logged=$not_queued"
  if [ "$with_peer" = 1 ]; then
    prs=$(printf '%s\n' "${peer_rs[@]}" | median)
    prrs=$(printf '%s\n' "${peer_replied[@]}" | median)
    printf 'SUMMARY bot runs=%s ours_req_s=%s ours_replied_req_s=%s ours_p50_ms=%s ours_p99_ms=%s ours_rss_mb=%s ours_peak_rss_mb=%s peer_req_s=%s peer_replied_req_s=%s peer_p50_ms=%s peer_p99_ms=%s peer_rss_mb=%s ratio=%s ratio_replied=%s (target >= 10; ours peak RSS < 64 MB) %s\n' \
      "$RUNS" "$rs" "$rrs" "$(printf '%s\n' "${ours_p50[@]}" | median)" "$(printf '%s\n' "${ours_p99[@]}" | median)" \
      "$(printf '%s\n' "${ours_rss[@]}" | median)" "$hwm" "$prs" "$prrs" "$(printf '%s\n' "${peer_p50[@]}" | median)" \
      "$(printf '%s\n' "${peer_p99[@]}" | median)" "$(printf '%s\n' "${peer_rss[@]}" | median)" \
      "$(awk -v a="$rs" -v b="$prs" 'BEGIN {printf "%.2f", a / b}')" \
      "$(awk -v a="$rrs" -v b="$prrs" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')" "$replies_note"
  else
    printf 'SUMMARY bot runs=%s ours_req_s=%s ours_replied_req_s=%s ours_p50_ms=%s ours_p99_ms=%s ours_peak_rss_mb=%s peer=SKIPPED (no peer harness at %s) %s\n' \
      "$RUNS" "$rs" "$rrs" "$(printf '%s\n' "${ours_p50[@]}" | median)" "$(printf '%s\n' "${ours_p99[@]}" | median)" \
      "$hwm" "$peers" "$replies_note"
  fi
  printf 'SUMMARY bot-steady runs=%s target_rate=%s achieved_req_s=%s p50_ms=%s p99_ms=%s max_ms=%s errors=%s (target p99 < 10 ms)\n' \
    "$RUNS" "$rate" "$(printf '%s\n' "${st_rate[@]}" | median)" "$(printf '%s\n' "${st_p50[@]}" | median)" \
    "$(printf '%s\n' "${st_p99[@]}" | median)" "$(printf '%s\n' "${st_max[@]}" | median)" "$st_err"
  printf 'SUMMARY bot-write runs=%s command="comment L-<n> ..." closed_req_s=%s closed_p50_ms=%s closed_p99_ms=%s steady_rate=%s steady_p50_ms=%s steady_p99_ms=%s errors=%s\n' \
    "$RUNS" "$(printf '%s\n' "${wr_rs[@]}" | median)" "$(printf '%s\n' "${wr_p50[@]}" | median)" \
    "$(printf '%s\n' "${wr_p99[@]}" | median)" "$(printf '%s\n' "${ws_rate[@]}" | median)" \
    "$(printf '%s\n' "${ws_p50[@]}" | median)" "$(printf '%s\n' "${ws_p99[@]}" | median)" "$wr_err"
}
