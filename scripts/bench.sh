#!/usr/bin/env bash
# bench.sh: the whole-process figures of BENCHMARKS.md, side by side with
# Taskwarrior on the same generated data.
#
#   scripts/bench.sh            # 1,000, 10,000 and 10,000 all-open applications
#
# For each data set it builds afterview, generates the set (internal/gen),
# imports it into a new afterview file and, as one Taskwarrior task per
# application (open: pending, closed: completed, events as annotations),
# into a new Taskwarrior data folder, then measures with hyperfine:
#   afterview today                     vs  task next
#   afterview log ID thanks --to NAME   vs  task add ...   (one write each)
# and with /usr/bin/time -v the peak memory of both reads, the file size per
# application, and with scripts/firstframe.py the TUI's first frame in a
# real pseudo-terminal (process start to the first screen with data).
# Finally it runs the in-process Go benchmarks (prompt engine, store, today,
# TUI first frame and key presses). Results go to stdout as Markdown
# tables; hyperfine's own reports go to stderr.
#
# Environment: SETS (default "1000 10000 10000-all-open"), RUNS (hyperfine
# runs, default 30), NOW (the clock, default 2026-11-20T09:00), SEED
# (default 1), BENCH_DIR (where the files go, default
# ~/.cache/afterview-bench: a real disk, so that fsync costs what it costs),
# GO_BENCH=0 to skip the Go benchmarks.
#
# Needs: go, hyperfine, task (Taskwarrior), jq, python3, /usr/bin/time
# (apt-get install -y hyperfine taskwarrior jq time).
set -euo pipefail

sets=${SETS:-"1000 10000 10000-all-open"}
runs=${RUNS:-30}
now=${NOW:-2026-11-20T09:00}
seed=${SEED:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)

die() { echo "bench.sh: $*" >&2; exit 1; }
for tool in go hyperfine task jq python3; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y hyperfine taskwarrior jq)"
done
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install -y time)"

base=${BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/afterview-bench}
mkdir -p "$base"
work=$(mktemp -d "$base/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ "$(stat -f -c %T "$work")" = tmpfs ]; then
  echo "bench.sh: warning: $work is on tmpfs, where fsync costs nothing; set BENCH_DIR to a folder on disk" >&2
fi

(cd "$repo" && go build -o "$work/afterview" . && go build -o "$work/gendata" ./internal/gen/gendata)
av=$work/afterview
tw_version=$(task --version)
# The defaults, whatever the configuration of the user running this; the
# holiday runs name a file of their own (US public holidays and a day off).
export XDG_CONFIG_HOME=$work/config AFTERVIEW_CONFIG=
us=$work/us.toml
printf '[calendar]\nholidays = "US"\ndays_off = ["2026-12-24"]\n' >"$us"

# ms FILE NAME: the median of a hyperfine result, in milliseconds.
ms() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000 | . * 10 | round / 10' "$1"; }
# peak_kb CMD...: the median peak resident memory of 5 runs, in KiB.
peak_kb() {
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1
    cat "$work/peak"
  done | sort -n | sed -n 3p
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", b / a }'; }

printf '## Whole processes (median of %s runs; %s; %s)\n\n' "$runs" "$(nproc) cores" "Taskwarrior $tw_version"
echo '| set | afterview today | today, US holidays | task next | task/afterview | afterview log | task add | task/afterview | today peak | task next peak | file | per application | TUI first frame (median, min-max) |'
echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
for set in $sets; do
  n=${set%%-*}
  flags=()
  [[ $set == *all-open ]] && flags=(-all-open)
  dir=$work/$set
  mkdir -p "$dir/tasks"
  "$work/gendata" -n "$n" -seed "$seed" -now "$now" "${flags[@]}" >"$dir/data.json"
  "$work/gendata" -n "$n" -seed "$seed" -now "$now" "${flags[@]}" -format taskwarrior >"$dir/tasks.json"
  db=$dir/afterview.db
  "$av" --db "$db" import "$dir/data.json" >/dev/null
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=%s\n' "$dir/tasks" "$tw_version" >"$dir/taskrc"
  export TASKRC=$dir/taskrc
  task import "$dir/tasks.json" >/dev/null
  size=$(stat -c %s "$db")
  id=$n # the newest application is open in every set

  # Reads on a fixed clock. Writes on the real one: each logged thank-you
  # is a new event (the same event twice is a no-op) and is synced to disk.
  AFTERVIEW_NOW=$now hyperfine -N --style basic --warmup 5 --runs "$runs" --export-json "$dir/read.json" \
    -n today "$av --db $db today" -n today-us "$av --db $db --config $us today" -n next "task next" >&2
  hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$dir/write.json" \
    -n log "$av --db $db log $id thanks --to 'Jo Park' --new" -n add "task add 'Thank Jo Park' project:bench" >&2
  today_kb=$(AFTERVIEW_NOW=$now peak_kb "$av" --db "$db" today)
  next_kb=$(peak_kb task next)
  frame=$(AFTERVIEW_NOW=$now python3 "$repo/scripts/firstframe.py" -n 15 -- "$av" --db "$db")
  read -r f_med f_min f_max <<<"$frame"

  t_today=$(ms "$dir/read.json" today) t_us=$(ms "$dir/read.json" today-us) t_next=$(ms "$dir/read.json" next)
  t_log=$(ms "$dir/write.json" log) t_add=$(ms "$dir/write.json" add)
  printf '| %s | %.1f ms | %.1f ms | %.1f ms | %s | %.1f ms | %.1f ms | %s | %s MiB | %s MiB | %s MiB | %s B | %s ms (%s-%s) |\n' \
    "$set" "$t_today" "$t_us" "$t_next" "$(ratio "$t_today" "$t_next")" "$t_log" "$t_add" "$(ratio "$t_log" "$t_add")" \
    "$(awk -v k="$today_kb" 'BEGIN { printf "%.1f", k / 1024 }')" "$(awk -v k="$next_kb" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }')" "$((size / n))" "$f_med" "$f_min" "$f_max"
done
unset TASKRC

if [ "${GO_BENCH:-1}" != 0 ]; then
  # Medians of 5 runs of each in-process benchmark, in milliseconds.
  echo
  echo '## In process (Go benchmarks, median of 5 runs)'
  echo
  echo '| benchmark | ms/op |'
  echo '| --- | ---: |'
  (cd "$repo" && go test -run '^$' -bench . -count 5 ./stages ./store .) |
    awk '/^Benchmark/ { sub(/-[0-9]+$/, "", $1); print $1, $3 }' | sort -k1,1 -k2,2n |
    awk 'function flush() { if (n) printf "| %s | %.3f |\n", name, v[int((n + 1) / 2)] / 1e6 }
      $1 != name { flush(); name = $1; n = 0 } { v[++n] = $2 } END { flush() }'
fi
