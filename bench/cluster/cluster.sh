#!/usr/bin/env bash
# The cluster shape of a larger agency, on one machine, all under bench/cluster/run/:
#
#   nginx            127.0.0.1:8100  static and media from disk, 1 s micro-cache for
#                                    anonymous pages, load-balances the app servers
#   nginx, uncached  127.0.0.1:8109  the same proxy without the micro-cache (bench only)
#   gunicorn 1..N    127.0.0.1:8101..8104  newsroom.wsgi, DEBUG off
#   PostgreSQL       127.0.0.1:5441 primary, 127.0.0.1:5442 streaming replica
#   Redis            127.0.0.1:6390 (its own redis-server, not the machine's 6379)
#
#   bench/cluster/cluster.sh up       # or: make cluster-up; running it twice is safe
#   bench/cluster/cluster.sh down     # or: make cluster-down; keeps the data
#   bench/cluster/cluster.sh status
#   bench/cluster/cluster.sh clean    # down, then delete the run folder
#
# CLUSTER_INSTANCES (default 2, 1..4) app servers; `up` with another number starts or
# stops instances to match, and restarts them when their settings changed.
# CLUSTER_ARTICLES (default 20000) extra articles, loaded once by seed_bench when that
# command exists. CLUSTER_PAGE_CACHE=0 turns Django's page cache off (bench only).
# Needs root (apt-get, runuser).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN=${CLUSTER_RUN:-$HERE/run}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PY=${PY:-$ROOT/.venv/bin/python}
INSTANCES=${CLUSTER_INSTANCES:-2}
ARTICLES=${CLUSTER_ARTICLES:-20000}
# gthread keeps connections open, so nginx's upstream keep-alive is real (the sync
# worker closes every connection after one response). gunicorn must keep an idle
# connection longer than nginx does (60 s), or nginx reuses one that gunicorn is
# closing and answers 502.
WORKER_ARGS=${CLUSTER_WORKER_ARGS:--k gthread --threads 4 --keep-alive 75}
PRIMARY_PORT=5441
REPLICA_PORT=5442
REDIS_PORT=6390
NGINX_PORT=8100
UNCACHED_PORT=8109
APP_PORT_BASE=8100 # instance i listens on APP_PORT_BASE + i
MAX_INSTANCES=4

PGDIR=$RUN/pg
LOG=$RUN/log
NGINX_DIR=$RUN/nginx
NGINX_CONF=$NGINX_DIR/nginx.conf

say() { printf 'cluster: %s\n' "$*"; }
die() {
	printf 'cluster: %s\n' "$*" >&2
	exit 1
}
as_postgres() { runuser -u postgres -- "$@"; }
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_process() { # signal, pid file: send it, then wait up to 10 s for the end
	local pid
	pid=$(cat "$2")
	kill "-$1" "$pid"
	for _ in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
}

wait_for_page() { # port, name: the app answers, not just its socket
	for _ in $(seq 150); do
		[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/robots.txt") == 200 ]] &&
			return 0
		sleep 0.2
	done
	die "$2 does not answer 200 on http://127.0.0.1:$1/robots.txt (see $LOG)"
}

wait_for_port() { # port, name
	for _ in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	die "$2 did not listen on 127.0.0.1:$1 (see $LOG)"
}

install_tools() {
	local missing=()
	command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
	command -v wrk >/dev/null 2>&1 || missing+=(wrk)
	if ((${#missing[@]})); then
		say "installing ${missing[*]} from Debian"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

# --- PostgreSQL: primary and streaming replica ---------------------------------

pg_running() { as_postgres "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

pg_start() { # data dir, name
	pg_running "$1" && return 0
	as_postgres "$PGBIN/pg_ctl" -D "$1" -l "$PGDIR/log/$2.log" -w -t 60 start >/dev/null
}

primary_up() {
	mkdir -p "$PGDIR/log"
	chown postgres:postgres "$PGDIR" "$PGDIR/log"
	if [[ ! -f $PGDIR/primary/PG_VERSION ]]; then
		say "initdb primary"
		as_postgres "$PGBIN/initdb" -D "$PGDIR/primary" -U postgres -E UTF8 \
			--locale=C.UTF-8 --auth=trust >/dev/null
		# Loopback only; trust as on the machine's own server. initdb's pg_hba.conf
		# already allows replication connections from 127.0.0.1.
		cat >>"$PGDIR/primary/postgresql.conf" <<-EOF
			# --- newsroom cluster ---
			listen_addresses = '127.0.0.1'
			port = $PRIMARY_PORT
			unix_socket_directories = '$PGDIR'
			wal_level = replica
			max_wal_senders = 10
			wal_keep_size = '512MB'
			hot_standby = on
			max_connections = 200
			shared_buffers = '256MB'
		EOF
	fi
	pg_start "$PGDIR/primary" primary
	as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = 'newsroom'" | grep -q 1 ||
		as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres newsroom
}

replica_up() {
	if [[ ! -f $PGDIR/replica/PG_VERSION ]]; then
		say "pg_basebackup replica"
		# -R writes standby.signal and primary_conninfo: a streaming hot standby.
		as_postgres "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres \
			-D "$PGDIR/replica" -R -X stream -c fast
		echo "port = $REPLICA_PORT" >>"$PGDIR/replica/postgresql.conf"
	fi
	pg_start "$PGDIR/replica" replica
}

replica_caught_up() {
	local lsn
	lsn=$(as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -tAc \
		"SELECT pg_current_wal_lsn()")
	for _ in $(seq 300); do
		if [[ $(as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres \
			-tAc "SELECT pg_last_wal_replay_lsn() >= '$lsn'") == t ]]; then
			return 0
		fi
		sleep 0.2
	done
	die "the replica did not catch up with the primary (see $PGDIR/log)"
}

pg_down() {
	for name in replica primary; do
		if [[ -f $PGDIR/$name/PG_VERSION ]] && pg_running "$PGDIR/$name"; then
			as_postgres "$PGBIN/pg_ctl" -D "$PGDIR/$name" -m fast -w stop >/dev/null
			say "stopped PostgreSQL $name"
		fi
	done
}

# --- Redis -------------------------------------------------------------------

redis_up() {
	mkdir -p "$RUN/redis"
	alive "$RUN/redis/redis.pid" && return 0
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
		--pidfile "$RUN/redis/redis.pid" --logfile "$LOG/redis.log" \
		--dir "$RUN/redis" --save "" --appendonly no --maxmemory 256mb \
		--maxmemory-policy allkeys-lru
	wait_for_port "$REDIS_PORT" redis
}

redis_down() {
	if alive "$RUN/redis/redis.pid"; then
		redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
		say "stopped Redis"
	fi
}

# --- Django: settings, schema, data, static files ------------------------------

write_env() {
	[[ -f $RUN/secret_key ]] ||
		"$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$RUN/secret_key"
	mkdir -p "$RUN/media"
	cat >"$RUN/env" <<-EOF
		DEBUG=0
		SECRET_KEY=$(cat "$RUN/secret_key")
		ALLOWED_HOSTS=127.0.0.1,localhost
		SECURE_SSL_REDIRECT=0
		DATABASE_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/newsroom
		DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:$REPLICA_PORT/newsroom
		REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
		MEDIA_ROOT=$RUN/media
		SERVE_MEDIA=0
		PAGE_CACHE=${CLUSTER_PAGE_CACHE:-1}
		# nginx in front: failed logins count against the reader's address, not nginx's.
		TRUSTED_PROXY_COUNT=1
		LOG_LEVEL=WARNING
	EOF
}

manage() { (
	set -a
	# shellcheck disable=SC1091
	. "$RUN/env"
	set +a
	cd "$ROOT" && "$PY" manage.py "$@"
); }

django_up() {
	write_env
	manage migrate --no-input >/dev/null
	local seeded
	seeded=$(cat "$RUN/seeded" 2>/dev/null || true)
	if [[ -z $seeded ]]; then
		say "seed_demo"
		manage seed_demo
		echo demo >"$RUN/seeded"
		seeded=demo
	fi
	if [[ $seeded == demo ]] && manage help seed_bench >/dev/null 2>&1; then
		say "seed_bench --articles $ARTICLES"
		if manage seed_bench --articles "$ARTICLES"; then
			echo "bench $ARTICLES" >"$RUN/seeded"
		else
			# Not tried again by the next `up`: `clean` starts over.
			echo "demo, seed_bench failed" >"$RUN/seeded"
			say "seed_bench failed (above): the demo articles only"
		fi
	elif [[ $seeded == demo ]]; then
		say "no seed_bench command yet: the demo articles only"
	fi
	# Once for every instance: they share the code folder's STATIC_ROOT.
	manage collectstatic --no-input >/dev/null
	STATIC_ROOT=$(manage shell -c \
		"from django.conf import settings; print(settings.STATIC_ROOT)" | tail -1) ||
		die "could not read STATIC_ROOT"
	# nginx serves this folder as /static/: it must be the collected files, never "/".
	[[ $STATIC_ROOT == /?* && -f $STATIC_ROOT/staticfiles.json ]] ||
		die "STATIC_ROOT '$STATIC_ROOT' holds no collected files"
}

# --- gunicorn instances ---------------------------------------------------------

instance_pid() { echo "$RUN/gunicorn/$1.pid"; }

instances_up() {
	mkdir -p "$RUN/gunicorn"
	local i port
	# Instances started with other settings are restarted with these.
	if ! cmp -s "$RUN/env" "$RUN/gunicorn/env"; then
		for ((i = 1; i <= MAX_INSTANCES; i++)); do instance_down "$i"; done
		cp "$RUN/env" "$RUN/gunicorn/env"
	fi
	for ((i = 1; i <= INSTANCES; i++)); do
		port=$((APP_PORT_BASE + i))
		alive "$(instance_pid "$i")" && continue
		(
			set -a
			# shellcheck disable=SC1091
			. "$RUN/env"
			set +a
			cd "$ROOT"
			# shellcheck disable=SC2086
			"$ROOT/.venv/bin/gunicorn" -w 2 $WORKER_ARGS -b "127.0.0.1:$port" \
				--daemon --pid "$(instance_pid "$i")" \
				--control-socket "$RUN/gunicorn/$i.ctl" \
				--error-logfile "$LOG/gunicorn-$i.log" --name "newsroom-$i" \
				newsroom.wsgi
		)
		wait_for_page "$port" "gunicorn $i"
		say "gunicorn $i on 127.0.0.1:$port"
	done
}

instances_trim() { # after nginx has stopped sending them requests
	local i
	for ((i = INSTANCES + 1; i <= MAX_INSTANCES; i++)); do instance_down "$i"; done
}

instance_down() {
	local pidfile
	pidfile=$(instance_pid "$1")
	alive "$pidfile" || return 0
	stop_process TERM "$pidfile"
	say "stopped gunicorn $1"
}

# --- the minute jobs ---------------------------------------------------------------
# What cron runs on one machine of a real cluster: scheduled articles recorded as
# published, and the read counts in Redis folded into the database (README, cron).

jobs_up() {
	alive "$RUN/jobs.pid" && return 0
	(
		set -a
		# shellcheck disable=SC1091
		. "$RUN/env"
		set +a
		cd "$ROOT"
		while true; do
			.venv/bin/python manage.py publish_scheduled
			.venv/bin/python manage.py fold_reads
			sleep 60
		done
	) >>"$LOG/jobs.log" 2>&1 &
	echo $! >"$RUN/jobs.pid"
	say "minute jobs (publish_scheduled, fold_reads) running, log in $LOG/jobs.log"
}

jobs_down() {
	alive "$RUN/jobs.pid" || return 0
	kill -TERM "$(cat "$RUN/jobs.pid")"
	say "stopped the minute jobs"
}

# --- nginx ------------------------------------------------------------------------

nginx_cmd() { nginx -c "$NGINX_CONF" -p "$NGINX_DIR/" "$@"; }

nginx_up() {
	mkdir -p "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
	chown -R www-data "$NGINX_DIR/tmp" "$NGINX_DIR/cache"
	local servers="" i
	for ((i = 1; i <= INSTANCES; i++)); do
		servers+="    server 127.0.0.1:$((APP_PORT_BASE + i)) max_fails=3 fail_timeout=5s;\n"
	done
	sed -e "s|@RUN@|$RUN|g" -e "s|@STATIC_ROOT@|$STATIC_ROOT|g" \
		-e "s|@MEDIA_ROOT@|$RUN/media|g" -e "s|@PORT@|$NGINX_PORT|g" \
		-e "s|@UNCACHED_PORT@|$UNCACHED_PORT|g" -e "s|@SERVERS@|$servers|" \
		"$HERE/nginx.conf.in" >"$NGINX_CONF"
	! grep -q '@[A-Z_]*@' "$NGINX_CONF" || die "unfilled placeholder in $NGINX_CONF"
	nginx_cmd -t -q
	if alive "$NGINX_DIR/nginx.pid"; then
		kill -HUP "$(cat "$NGINX_DIR/nginx.pid")" # reload the configuration
	else
		nginx_cmd
	fi
	wait_for_port "$NGINX_PORT" nginx
	say "nginx on 127.0.0.1:$NGINX_PORT over $INSTANCES instance(s)"
}

nginx_down() {
	if [[ -f $NGINX_CONF ]] && alive "$NGINX_DIR/nginx.pid"; then
		stop_process QUIT "$NGINX_DIR/nginx.pid" # graceful: finish the requests in flight
		say "stopped nginx"
	fi
}

# --- Commands -----------------------------------------------------------------------

up() {
	[[ $INSTANCES =~ ^[1-4]$ ]] || die "CLUSTER_INSTANCES must be 1 to $MAX_INSTANCES"
	[[ $(id -u) == 0 ]] || die "run as root (apt-get, runuser -u postgres)"
	install_tools
	mkdir -p "$RUN" "$LOG"
	primary_up
	replica_up
	redis_up
	django_up
	replica_caught_up
	instances_up
	jobs_up
	nginx_up
	instances_trim
	say "up: http://127.0.0.1:$NGINX_PORT/ (admin: chief / \$DEMO_PASSWORD)"
}

down() {
	[[ -d $RUN ]] || return 0
	nginx_down
	jobs_down
	local i
	for ((i = 1; i <= MAX_INSTANCES; i++)); do instance_down "$i"; done
	redis_down
	pg_down
}

status() {
	local i
	alive "$NGINX_DIR/nginx.pid" && echo "nginx      up   127.0.0.1:$NGINX_PORT" ||
		echo "nginx      down"
	for ((i = 1; i <= MAX_INSTANCES; i++)); do
		alive "$(instance_pid "$i")" &&
			echo "gunicorn $i up   127.0.0.1:$((APP_PORT_BASE + i))"
	done
	alive "$RUN/redis/redis.pid" && echo "redis      up   127.0.0.1:$REDIS_PORT" ||
		echo "redis      down"
	for name in primary replica; do
		[[ -f $PGDIR/$name/PG_VERSION ]] && pg_running "$PGDIR/$name" &&
			echo "postgres   up   $name" || echo "postgres   down $name"
	done
	return 0
}

case ${1:-} in
up) up ;;
down) down ;;
status) status ;;
clean)
	down
	rm -rf "$RUN"
	;;
*) die "usage: $0 up|down|status|clean" ;;
esac
