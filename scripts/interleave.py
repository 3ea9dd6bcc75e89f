#!/usr/bin/env python3
"""interleave.py: time whole commands taking turns, for comparisons on a busy machine.

  scripts/interleave.py [-n ROUNDS] -- 'CMD A' 'CMD B' ...

hyperfine runs each command's runs in one block, so a change in the
machine's load between blocks reads as a difference between the commands.
Here each round runs every command once, in turn (after 5 warm-up rounds),
and the medians, first quartiles and minimums are printed in milliseconds.
Commands are split like a shell would split them (no pipes or globs);
their output is discarded and a failure stops the run.
"""
import shlex
import statistics
import subprocess
import sys
import time


def main(argv):
    rounds = 60
    if argv[:1] == ["-n"]:
        rounds, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        sys.exit(__doc__)
    cmds = [shlex.split(c) for c in argv]
    times = [[] for _ in cmds]
    for r in range(rounds + 5):
        for i, c in enumerate(cmds):
            start = time.perf_counter()
            subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            if r >= 5:
                times[i].append((time.perf_counter() - start) * 1000)
    for c, t in zip(argv, times):
        t.sort()
        print(f"median {statistics.median(t):7.2f} ms  p25 {t[len(t) // 4]:7.2f}  min {t[0]:7.2f}  {c}")


if __name__ == "__main__":
    main(sys.argv[1:])
