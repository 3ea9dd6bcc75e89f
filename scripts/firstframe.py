#!/usr/bin/env python3
"""firstframe.py: how long a terminal program takes to show its first screen.

Usage: firstframe.py [-n RUNS] [-s COLSxROWS] [-m TEXT] -- COMMAND [ARG...]

Runs COMMAND in a fresh pseudo-terminal of the given size (default 100x30),
times from just before the fork to the moment its output contains TEXT
(default "to do", which afterview's Today screen shows once its data is
loaded), then types q and waits for it to exit. Repeats RUNS times (default
20) and prints the median, minimum and maximum in milliseconds as one line:
"median_ms min_ms max_ms". ANSI escape sequences are stripped before
matching. Exits 1 if TEXT never appears within 10 seconds.
"""
import fcntl
import os
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time

ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")


def once(argv, cols, rows, marker):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(master)
        os.environ.setdefault("TERM", "xterm-256color")
        os.execvp(argv[0], argv)
    os.close(slave)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if marker in ANSI.sub(b"", seen):
            elapsed = time.perf_counter() - start
            break
    try:
        os.write(master, b"q")
    except OSError:
        pass
    # Drain the output until the program exits, so that it never blocks on
    # a full terminal.
    end = time.perf_counter() + 5
    while time.perf_counter() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                pass
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(master)
    return elapsed


def main():
    args = sys.argv[1:]
    runs, cols, rows, marker = 20, 100, 30, b"to do"
    while args and args[0] != "--":
        opt, val, args = args[0], args[1], args[2:]
        if opt == "-n":
            runs = int(val)
        elif opt == "-s":
            cols, rows = (int(x) for x in val.split("x"))
        elif opt == "-m":
            marker = val.encode()
        else:
            sys.exit(f"firstframe.py: unknown option {opt}")
    if not args or len(args) < 2:
        sys.exit("firstframe.py: no command given (put it after --)")
    argv = args[1:]
    times = []
    for _ in range(runs):
        t = once(argv, cols, rows, marker)
        if t is None:
            print(f"firstframe.py: {marker.decode()!r} never appeared", file=sys.stderr)
            sys.exit(1)
        times.append(t * 1000)
    print(f"{statistics.median(times):.1f} {min(times):.1f} {max(times):.1f}")


if __name__ == "__main__":
    main()
