#!/usr/bin/env bash
# bench.sh: the whole-process figures of BENCHMARKS.md, side by side with
# Taskwarrior on the same generated data.
#
#   scripts/bench.sh            # 1,000 to 100,000 applications, 3% and all open
#
# For each data set it builds afterview, generates the set (internal/gen)
# as one export file, imports it into
# a new afterview file and, as one Taskwarrior task per application (open:
# pending, closed: completed, events as annotations), into a new Taskwarrior
# data folder, then measures with hyperfine every command next to its
# Taskwarrior counterpart:
#   today                      task next
#   show ID                    task 1 info
#   snooze ID PROMPT           task 1 annotate ...   (one durable write each)
#   log ID thanks --to NAME    task add ...          (one durable write each)
#   done ID PROMPT             task 1 done           (each from a copy)
#   list, list --open          task list
#   export, export --format csv   task export
#   import (the whole set)     task import (the same, as tasks)
# with /usr/bin/time the peak memory of each (median of 3), the file size
# per application, and with scripts/firstframe.py the TUI's first frame in a
# real pseudo-terminal (process start to the first screen with data).
# Finally it runs the in-process Go benchmarks (prompt engine, store, today,
# TUI first frame and key presses). Results go to stdout as Markdown
# tables; hyperfine's own reports go to stderr.
#
# Environment: SETS (default "1000 10000 10000-all-open 100000
# 100000-all-open"), RUNS (hyperfine runs, default 15; the slow commands at
# 100,000 run 5 times), NOW (the clock, default 2026-11-20T09:00), SEED
# (default 1), BENCH_DIR (where the files go, default
# ~/.cache/afterview-bench: a real disk, so that fsync costs what it costs),
# GO_BENCH=0 to skip the Go benchmarks, GO_BENCH_LARGE=1 to add the
# in-process benchmarks at 100,000 (they build their sets: minutes).
#
# Needs: go, hyperfine, task (Taskwarrior), jq, python3, /usr/bin/time
# (apt-get install -y hyperfine taskwarrior jq time).
set -euo pipefail

sets=${SETS:-"1000 10000 10000-all-open 100000 100000-all-open"}
runs=${RUNS:-15}
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
ms() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
# peak CMD...: the median peak resident memory of 3 runs, in MiB.
peak() {
  for _ in 1 2 3; do
    /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1 || true
    tail -1 "$work/peak"
  done | sort -n | sed -n 2p | awk '{ printf "%.1f", $1 / 1024 }'
}
# peak1 CMD...: the peak resident memory of one run, in MiB.
peak1() {
  /usr/bin/time -f %M -o "$work/peak" "$@" >/dev/null 2>&1 || true
  tail -1 "$work/peak" | awk '{ printf "%.1f\n", $1 / 1024 }'
}
fmt_ms() { awk -v v="$1" 'BEGIN { if (v >= 1000) printf "%.2f s", v / 1000; else printf "%.1f ms", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", b / a }'; }

# generate SET DIR: the data set as one afterview export and as Taskwarrior
# tasks, imported into afterview.db and the tasks folder.
generate() {
  local set=$1 dir=$2 n=${1%%-*} flags=()
  [[ $set == *all-open ]] && flags=(-all-open)
  mkdir -p "$dir/tasks"
  "$work/gendata" -n "$n" -seed "$seed" -now "$now" "${flags[@]}" >"$dir/data.json"
  "$work/gendata" -n "$n" -seed "$seed" -now "$now" "${flags[@]}" -format taskwarrior >"$dir/tasks.json"
  "$av" --db "$dir/afterview.db" import "$dir/data.json" >/dev/null
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=%s\n' "$dir/tasks" "$tw_version" >"$dir/taskrc"
  TASKRC=$dir/taskrc task import "$dir/tasks.json" >/dev/null
}

summary=$work/summary.md
printf '## Whole processes (medians; %s runs, 5 for the slow ones at 100,000; %s; %s)\n\n' "$runs" "$(nproc) cores" "Taskwarrior $tw_version"
echo '| set | afterview | time | peak memory | Taskwarrior | time | peak memory | task ÷ afterview |'
echo '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |'
for set in $sets; do
  n=${set%%-*}
  dir=$work/$set
  generate "$set" "$dir"
  db=$dir/afterview.db
  # The US holidays on a copy of their own: the prompt cache is kept for
  # one configuration, and a user with one file runs with one.
  dbus=$dir/afterview-us.db
  cp "$db" "$dbus"
  export TASKRC=$dir/taskrc
  size=$(stat -c %s "$db")
  id=$n # the newest application is open in every set
  # A prompt to snooze, live on the real clock the writes run on (snoozed
  # to 2099, it stays live: every run writes a new snooze).
  read -r sid skey < <("$av" --db "$db" today --all --json |
    jq -r --argjson id "$id" '(map(select(.app_id == $id)) + map(select(.app_id != 0)))[0] | "\(.app_id) \(.key)"')
  slow=$runs
  [ "$n" -ge 100000 ] && slow=5

  # Reads on a fixed clock. Writes on the real one: each logged thank-you
  # or snooze is a new event (the same event twice is a no-op) and is
  # synced to disk.
  AFTERVIEW_NOW=$now hyperfine -N --style basic --warmup 3 --runs "$runs" --export-json "$dir/read.json" \
    -n today "$av --db $db today" -n today-us "$av --db $dbus --config $us today" -n next "task next" \
    -n show "$av --db $db show $id" -n info "task 1 info" \
    -n list-open "$av --db $db list --open" >&2
  hyperfine -N --style basic --warmup 2 --runs "$slow" --export-json "$dir/write.json" \
    -n log "$av --db $db log $id thanks --to 'Jo Park' --new" -n add "task add 'Thank Jo Park' project:bench" \
    -n snooze "$av --db $db snooze $sid '$skey' --until 2099-01-01" -n annotate "task 1 annotate 'snoozed'" >&2
  # done changes what it marks for good: each run starts from a copy (not
  # timed), of the file and of the tasks folder, synced so that the run's
  # own sync does not write the copy out.
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=%s\n' "$dir/tasks-done" "$tw_version" >"$dir/taskrc-done"
  hyperfine -N --style basic --warmup 1 --runs "$slow" --export-json "$dir/done.json" \
    --prepare "sh -c 'cp $db $dir/done.db && sync $dir/done.db'" -n done "$av --db $dir/done.db done $sid '$skey'" >&2
  hyperfine --style basic --warmup 1 --runs "$slow" --export-json "$dir/task-done.json" \
    --prepare "rm -rf $dir/tasks-done; cp -r $dir/tasks $dir/tasks-done && sync" \
    -n task-done "TASKRC=$dir/taskrc-done task 1 done" >&2
  AFTERVIEW_NOW=$now hyperfine -N --style basic --warmup 1 --runs "$slow" --export-json "$dir/big.json" \
    -n list "$av --db $db list" -n task-list "task list" \
    -n export "$av --db $db export" -n csv "$av --db $db export --format csv" -n task-export "task export" >&2
  # Import: the whole set into a new file, next to Taskwarrior importing
  # the same applications as tasks into a new folder.
  imp=$dir/data.json
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=%s\n' "$dir/tasks-imp" "$tw_version" >"$dir/taskrc-imp"
  hyperfine -N --style basic --runs 3 --export-json "$dir/import.json" \
    --prepare "rm -rf $dir/imp.db $dir/tasks-imp" \
    -n import "$av --db $dir/imp.db import $imp" >&2
  hyperfine --style basic --runs 3 --export-json "$dir/task-import.json" \
    --prepare "rm -rf $dir/tasks-imp; mkdir -p $dir/tasks-imp" \
    -n task-import "TASKRC=$dir/taskrc-imp task import $dir/tasks.json" >&2

  # Five frames at 100,000 (seconds each all open); none within firstframe.py's
  # 10 seconds is reported as such rather than ending the run.
  frames=15
  [ "$n" -ge 100000 ] && frames=5
  frame=$(AFTERVIEW_NOW=$now python3 "$repo/scripts/firstframe.py" -n "$frames" -- "$av" --db "$db") || frame="over-10000 - -"
  read -r f_med f_min f_max <<<"$frame"

  row() { # row LABEL AV_MS AV_MIB TW_LABEL TW_MS TW_MIB
    printf '| %s | `%s` | %s | %s MiB | `task %s` | %s | %s MiB | %s |\n' "$set" "$1" "$(fmt_ms "$2")" "$3" "$4" "$(fmt_ms "$5")" "$6" "$(ratio "$2" "$5")" >>"$summary.$set"
  }
  : >"$summary.$set"
  export AFTERVIEW_NOW=$now
  row "today" "$(ms "$dir/read.json" today)" "$(peak "$av" --db "$db" today)" "next" "$(ms "$dir/read.json" next)" "$(peak task next)"
  row "today (US holidays)" "$(ms "$dir/read.json" today-us)" "$(peak "$av" --db "$dbus" --config "$us" today)" "next" "$(ms "$dir/read.json" next)" "$(peak task next)"
  row "show ID" "$(ms "$dir/read.json" show)" "$(peak "$av" --db "$db" show "$id")" "1 info" "$(ms "$dir/read.json" info)" "$(peak task 1 info)"
  row "snooze ID PROMPT" "$(ms "$dir/write.json" snooze)" "$(peak "$av" --db "$db" snooze "$sid" "$skey" --until 2099-01-02)" "1 annotate" "$(ms "$dir/write.json" annotate)" "$(peak task 1 annotate peak)"
  cp "$db" "$dir/done.db" && rm -rf "$dir/tasks-done" && cp -r "$dir/tasks" "$dir/tasks-done" && sync
  row "done ID PROMPT" "$(ms "$dir/done.json" done)" "$(peak1 "$av" --db "$dir/done.db" done "$sid" "$skey")" "1 done" "$(ms "$dir/task-done.json" task-done)" "$(TASKRC=$dir/taskrc-done peak1 task 1 done)"
  row "log ID thanks" "$(ms "$dir/write.json" log)" "$(peak "$av" --db "$db" log "$id" note --note peak)" "add" "$(ms "$dir/write.json" add)" "$(peak task add peak project:bench)"
  row "list --open" "$(ms "$dir/read.json" list-open)" "$(peak "$av" --db "$db" list --open)" "list" "$(ms "$dir/big.json" task-list)" "$(peak task list)"
  row "list" "$(ms "$dir/big.json" list)" "$(peak "$av" --db "$db" list)" "list" "$(ms "$dir/big.json" task-list)" "$(peak task list)"
  row "export" "$(ms "$dir/big.json" export)" "$(peak "$av" --db "$db" export)" "export" "$(ms "$dir/big.json" task-export)" "$(peak task export)"
  row "export --format csv" "$(ms "$dir/big.json" csv)" "$(peak "$av" --db "$db" export --format csv)" "export" "$(ms "$dir/big.json" task-export)" "$(peak task export)"
  # Each import into a new file or folder.
  imp_mib=$(for _ in 1 2 3; do
    rm -rf "$dir/imp.db"
    peak1 "$av" --db "$dir/imp.db" import "$imp"
  done | sort -n | sed -n 2p)
  timp_mib=$(for _ in 1 2 3; do
    rm -rf "$dir/tasks-imp" && mkdir -p "$dir/tasks-imp"
    TASKRC=$dir/taskrc-imp peak1 task import "$dir/tasks.json"
  done | sort -n | sed -n 2p)
  row "import FILE" "$(ms "$dir/import.json" import)" "$imp_mib" "import" "$(ms "$dir/task-import.json" task-import)" "$timp_mib"
  unset AFTERVIEW_NOW
  printf '| %s | TUI first frame (median, min-max) | %s ms (%s-%s) | | | | | |\n' "$set" "$f_med" "$f_min" "$f_max" >>"$summary.$set"
  printf '| %s | file | %s MiB, %s B per application | | | | | |\n' "$set" \
    "$(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }')" "$((size / n))" >>"$summary.$set"
  rm -rf "$dir/data.json" "$dir/tasks.json"
  cat "$summary.$set" # each set's rows as soon as they are measured
  rm -rf "$dir"       # a 100,000 set takes half a gigabyte
done
unset TASKRC

if [ "${GO_BENCH:-1}" != 0 ]; then
  # Medians of 5 runs of each in-process benchmark, in milliseconds.
  echo
  echo '## In process (Go benchmarks, median of 5 runs)'
  echo
  echo '| benchmark | ms/op |'
  echo '| --- | ---: |'
  (cd "$repo" && AFTERVIEW_BENCH_LARGE=${GO_BENCH_LARGE:-0} go test -run '^$' -bench . -count 5 -timeout 60m ./stages ./store ./agenda ./internal/cli) |
    awk '/^Benchmark/ { sub(/-[0-9]+$/, "", $1); print $1, $3 }' | sort -k1,1 -k2,2n |
    awk 'function flush() { if (n) printf "| %s | %.3f |\n", name, v[int((n + 1) / 2)] / 1e6 }
      $1 != name { flush(); name = $1; n = 0 } { v[++n] = $2 } END { flush() }'
fi
