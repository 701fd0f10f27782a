#!/usr/bin/env python3
"""Benchmark `factbrief build` against Hugo on the same generated articles.

Run through scripts/bench.sh, which installs what is missing and builds the
release binary first. Standard library only.

For each corpus size N (default 1,000 and 10,000 articles, from
shared/bench/gen_corpus.py, seed 1, cached in target/bench/):

  full build   factbrief and hugo run alternately (A B A B ...) on the same
               articles, output on tmpfs: one warm-up each, then RUNS counted
               runs (10 at N < 10,000, 5 from 10,000). Before every run the
               output is deleted; for factbrief also its incremental cache
               (see clean_factbrief_build). Wall time, user+sys CPU and peak
               RSS (from /usr/bin/time -v) as min / median / max, pages/s
               (N / median wall), and the paired ratio factbrief/hugo.
  no change    factbrief build into an output it has just built, timed.
  one change   a paragraph with a new claim appended to one article (a
               different one each time), then factbrief build, timed.
  serve        if `factbrief serve` exists: shared/bench/incr_probe.py
               against it (the rebuild time serve reports, and the time from
               the write to its "Done" line).

Prints tables with the targets beside them (PASS/FAIL; a missed target
never fails the script), and writes target/bench/results.json and
target/bench/results.md. Exits non-zero only on a real error (a build that
fails, a missing tool).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME = "/usr/bin/time"
SEED = 1
# What a changed article gains: a new claim the extractor must find.
NEW_CLAIM = "\n\nA rival lab trained on 4,096 H100 GPUs.\n"

# The targets (issue #6), printed beside the figures; never fatal.
TARGETS = {
    "ratio": 0.35,         # factbrief wall / hugo wall, full build, at N = 10,000
    "rss_mib": 256.0,      # factbrief peak RSS, full build
    "one_change_ms": 100.0,
    "no_change_ms": 300.0,
}
TARGET_N = 10000


class BenchError(Exception):
    """A real error: the benchmark cannot go on."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Cleaning. The one place that knows where factbrief keeps state between
# builds: a full build must start from nothing.
# --------------------------------------------------------------------------


def clean_factbrief_build(out_dir):
    """Deletes factbrief's output folder and its incremental cache.

    The cache is planned inside the output folder (OUT/.factbrief-cache), so
    deleting OUT deletes both. If the cache moves elsewhere (a folder named
    in `factbrief build --help`), delete that folder here too.
    """
    shutil.rmtree(out_dir, ignore_errors=True)
    cache = os.path.join(out_dir, ".factbrief-cache")
    shutil.rmtree(cache, ignore_errors=True)


def clean_hugo_build(out_dir):
    shutil.rmtree(out_dir, ignore_errors=True)


def check_cache_location(binary):
    """Warns when `factbrief build --help` names a cache this script may not clean."""
    text = subprocess.run([binary, "build", "--help"], capture_output=True, text=True).stdout
    lines = [l.strip() for l in text.splitlines() if re.search(r"cache", l, re.I)]
    if lines:
        log("note: `factbrief build --help` mentions a cache:\n    " + "\n    ".join(lines)
            + "\n  check that clean_factbrief_build() in scripts/bench.py deletes it"
            " (it deletes OUT and OUT/.factbrief-cache)")


# --------------------------------------------------------------------------
# Measuring one process
# --------------------------------------------------------------------------


class Run:
    def __init__(self, wall, user, sys_, rss_kib, stdout, stderr):
        self.wall = wall
        self.user = user
        self.sys = sys_
        self.cpu = user + sys_
        self.rss_mib = rss_kib / 1024.0
        self.stdout = stdout
        self.stderr = stderr


def parse_time_v(text):
    """User, system seconds and peak RSS (KiB) from `/usr/bin/time -v`."""
    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*([0-9.]+)\s*$", text, re.M)
        if not m:
            raise BenchError("no %r in /usr/bin/time -v output:\n%s" % (name, text[-800:]))
        return float(m.group(1))
    return (field("User time (seconds)"), field("System time (seconds)"),
            field("Maximum resident set size (kbytes)"))


def run_timed(cmd, cwd, what):
    """Runs `cmd`, returns a Run; a non-zero exit is a BenchError."""
    if os.path.exists(TIME):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            t0 = time.perf_counter()
            p = subprocess.run([TIME, "-v", "-o", tf.name] + cmd, cwd=cwd,
                               capture_output=True, text=True)
            wall = time.perf_counter() - t0
            report = open(tf.name, encoding="utf-8", errors="replace").read()
        if p.returncode != 0:
            raise BenchError("%s failed (exit %d): %s\n%s" % (
                what, p.returncode, " ".join(cmd), (p.stderr or p.stdout)[-2000:]))
        user, sys_, rss = parse_time_v(report)
        return Run(wall, user, sys_, rss, p.stdout, p.stderr)
    # No GNU time (and no root to install it): the kernel's own figures for
    # the child, which are what time -v prints.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        o, e = out.read(), err.read()
    if p.returncode != 0:
        raise BenchError("%s failed (exit %d): %s\n%s" % (what, p.returncode, " ".join(cmd),
                                                           (e or o)[-2000:]))
    return Run(wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, o, e)


# --------------------------------------------------------------------------
# Statistics and formatting
# --------------------------------------------------------------------------


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def fmt_s(s):
    return "%.3f (%.3f-%.3f)" % (s["median"], s["min"], s["max"])


def fmt_ms(s):
    return "%.0f (%.0f-%.0f)" % (s["median"], s["min"], s["max"])


def fmt_mib(s):
    return "%.0f (%.0f-%.0f)" % (s["median"], s["min"], s["max"])


def fmt_ratio(s):
    return "%.2f (%.2f-%.2f)" % (s["median"], s["min"], s["max"])


def pass_fail(ok):
    return "PASS" if ok else "FAIL"


def table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in rows])


def md_table(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# --------------------------------------------------------------------------
# Set-up: corpora, output folder, tools
# --------------------------------------------------------------------------


def tmpfs_root():
    """A scratch folder on tmpfs (or a temporary folder, with a warning)."""
    mounts = {}
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    mounts[parts[1]] = parts[2]
    except OSError:
        pass
    for candidate in ("/dev/shm", "/run/user/%d" % os.getuid(), "/tmp"):
        if mounts.get(candidate) == "tmpfs" and os.access(candidate, os.W_OK):
            return tempfile.mkdtemp(prefix="factbrief-bench-", dir=candidate), True
    log("warning: no writable tmpfs found (/dev/shm); output goes to a temporary folder on "
        "disk, where delete-and-write times are noisy (see shared/research/perf-anchors.md)")
    return tempfile.mkdtemp(prefix="factbrief-bench-"), False


def corpus(cache, gen, n, fmt):
    """The corpus of n articles in `fmt`, generated once into the cache."""
    name = "%s-%d" % ("corpus" if fmt == "plain" else fmt, n)
    path = os.path.join(cache, name)
    stamp = path + ".ok"
    want = "gen_corpus.py %d --seed %d --format %s\n" % (n, SEED, fmt)
    if os.path.isdir(path) and os.path.exists(stamp) and open(stamp).read() == want:
        return path
    log("generating %s (%d articles, %s format)..." % (path, n, fmt))
    shutil.rmtree(path, ignore_errors=True)
    p = subprocess.run([sys.executable, gen, path, str(n), "--seed", str(SEED), "--format", fmt],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise BenchError("gen_corpus.py failed:\n" + p.stderr[-2000:])
    with open(stamp, "w") as f:
        f.write(want)
    return path


def corpus_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if f.endswith(".md"))
    return total / 1e6


def article_files(path):
    return sorted(f for f in os.listdir(path) if f.endswith(".md"))


def tool_version(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (p.stdout or p.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def git_commit():
    try:
        p = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return p.stdout.strip() + ("+dirty" if dirty else "")
    except OSError:
        return None


def machine():
    cpu = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            m = re.search(r"^model name\s*:\s*(.+)$", f.read(), re.M)
            cpu = m.group(1).strip() if m else None
    except OSError:
        pass
    mem = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            m = re.search(r"^MemTotal:\s*(\d+) kB", f.read(), re.M)
            mem = "%.1f GiB" % (int(m.group(1)) / 1024 / 1024) if m else None
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem,
            "system": "%s %s" % (platform.system(), platform.release())}


def busy_check():
    """The 1-minute load average; warns when other work shares the CPUs."""
    load = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load > 0.5 * cpus:
        log("warning: the machine is busy (load average %.1f on %d CPUs): the timings will "
            "be noisy and slower than on an idle machine" % (load, cpus))
    return round(load, 2)


def serve_exists(binary):
    p = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True)
    return p.returncode == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------
# The measurements
# --------------------------------------------------------------------------


def built_count(run):
    m = re.search(r"built (\d+) briefings?", run.stderr)
    return int(m.group(1)) if m else None


def full_builds(a, n, plain, hugo_site, scratch):
    """Alternating full builds; returns the result dict for this size."""
    fb_out = os.path.join(scratch, "factbrief-%d" % n)
    hugo_out = os.path.join(scratch, "hugo-%d" % n)
    fb_cmd = [a.bin, "build", plain, "--out", fb_out]
    hugo_cmd = ["hugo", "--quiet", "-s", hugo_site, "-d", hugo_out]
    tools = [t for t in ("factbrief", "hugo") if t in a.tools]
    runs = {t: [] for t in tools}

    def one(tool, counted, k):
        if tool == "factbrief":
            clean_factbrief_build(fb_out)
            r = run_timed(fb_cmd, scratch, "factbrief build (N=%d)" % n)
            built = built_count(r)
            if built is not None and built != n:
                log("warning: factbrief built %d of %d articles; see its diagnostics" % (built, n))
        else:
            clean_hugo_build(hugo_out)
            r = run_timed(hugo_cmd, scratch, "hugo (N=%d)" % n)
        log("  N=%d %s %s: wall %.3f s, cpu %.3f s, peak %.0f MiB" % (
            n, tool, "run %d" % k if counted else "warm-up", r.wall, r.cpu, r.rss_mib))
        if counted:
            runs[tool].append(r)

    for tool in tools:
        one(tool, False, 0)
    for k in range(1, a.runs_for(n) + 1):
        for tool in tools:
            one(tool, True, k)
    clean_hugo_build(hugo_out)

    res = {}
    for tool in tools:
        rs = runs[tool]
        wall = summary([r.wall for r in rs])
        res[tool] = {
            "wall_s": wall, "cpu_s": summary([r.cpu for r in rs]),
            "user_s": summary([r.user for r in rs]), "sys_s": summary([r.sys for r in rs]),
            "peak_rss_mib": summary([r.rss_mib for r in rs]),
            "pages_per_s": n / wall["median"] if wall["median"] > 0 else None,
            "runs": [{"wall_s": r.wall, "cpu_s": r.cpu, "peak_rss_mib": r.rss_mib} for r in rs],
        }
    if len(tools) == 2:
        pairs = list(zip(runs["factbrief"], runs["hugo"]))
        res["ratio_wall"] = summary([f.wall / h.wall for f, h in pairs])
        res["ratio_cpu"] = summary([f.cpu / h.cpu for f, h in pairs if h.cpu > 0] or [0.0])
    return res


def incremental(a, n, plain, scratch):
    """No-change and one-change rebuild times (ms), on a working copy."""
    work = os.path.join(scratch, "articles-%d" % n)
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(plain, work)
    out = os.path.join(scratch, "factbrief-incr-%d" % n)
    clean_factbrief_build(out)
    cmd = [a.bin, "build", work, "--out", out]
    res = {}
    try:
        log("  N=%d incremental: first build (not timed)" % n)
        run_timed(cmd, scratch, "factbrief build (N=%d)" % n)
        reps = a.incr_runs_for(n)
        no_change = []
        for k in range(reps):
            r = run_timed(cmd, scratch, "factbrief rebuild (N=%d)" % n)
            no_change.append(r.wall * 1000)
            log("  N=%d no-change rebuild %d: %.0f ms (peak %.0f MiB)" % (n, k + 1, no_change[-1],
                                                                         r.rss_mib))
        res["no_change_ms"] = summary(no_change)
        res["no_change_runs_ms"] = no_change

        files = article_files(work)
        # A different article each time, spread over the corpus. Each build
        # sees exactly one article changed since the build before it; all
        # are restored afterwards.
        picks = [files[(5 + k * max(1, len(files) // reps)) % len(files)] for k in range(reps)]
        originals = {}
        one_change = []
        try:
            for k, name in enumerate(picks):
                path = os.path.join(work, name)
                with open(path, "rb") as f:
                    originals.setdefault(path, f.read())
                with open(path, "ab") as f:
                    f.write(NEW_CLAIM.encode("utf-8"))
                r = run_timed(cmd, scratch, "factbrief rebuild after editing %s" % name)
                one_change.append(r.wall * 1000)
                log("  N=%d one-change rebuild %d (%s): %.0f ms" % (n, k + 1, name,
                                                                   one_change[-1]))
        finally:
            for path, data in originals.items():
                with open(path, "wb") as f:
                    f.write(data)
        res["one_change_ms"] = summary(one_change)
        res["one_change_runs_ms"] = one_change

        if a.serve:
            res["serve_probe"] = serve_probe(a, n, work, scratch)
    finally:
        clean_factbrief_build(out)
        shutil.rmtree(work, ignore_errors=True)
    return res


def serve_probe(a, n, work, scratch):
    """shared/bench/incr_probe.py against `factbrief serve`."""
    probe = os.path.join(a.shared, "bench", "incr_probe.py")
    if not os.path.exists(probe):
        log("warning: %s is missing; skipping the serve probe" % probe)
        return None
    out = os.path.join(scratch, "factbrief-serve-%d" % n)
    clean_factbrief_build(out)
    files = article_files(work)
    target = os.path.join(work, files[min(5, len(files) - 1)])
    cmd = [sys.executable, probe, "--file", target, "--repeat", str(a.incr_runs_for(n)),
           "--settle", str(a.settle), "--timeout", "3600", "--",
           a.bin, "serve", work, "--out", out, "--port", str(free_port())]
    log("  N=%d serve probe: %s" % (n, " ".join(cmd)))
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=scratch)
    clean_factbrief_build(out)
    if p.returncode != 0:
        raise BenchError("incr_probe.py against factbrief serve failed:\n%s\n%s" % (
            p.stdout[-2000:], p.stderr[-2000:]))
    text = p.stdout
    for line in text.strip().splitlines():
        log("    " + line)

    def triple(label):
        m = re.search(label + r" ms: median (\d+) \(min (\d+), max (\d+)\)", text)
        return ({"median": float(m.group(1)), "min": float(m.group(2)), "max": float(m.group(3))}
                if m else None)
    ready = re.search(r"initial load to ready: ([0-9.]+) s", text)
    return {"initial_ready_s": float(ready.group(1)) if ready else None,
            "reported_ms": triple("reported"), "write_to_log_ms": triple("write-to-log"),
            "output": text}


def targets_for(n, full, incr):
    rows = []
    if full and "ratio_wall" in full:
        v = full["ratio_wall"]["median"]
        rows.append(("full build wall, factbrief/hugo", "<= %.2f (at N=%d)" % (TARGETS["ratio"], TARGET_N),
                     "%.2f" % v, v <= TARGETS["ratio"]))
    if full and "factbrief" in full:
        v = full["factbrief"]["peak_rss_mib"]["max"]
        rows.append(("factbrief peak RSS, full build (max)", "<= %.0f MiB" % TARGETS["rss_mib"],
                     "%.0f MiB" % v, v <= TARGETS["rss_mib"]))
    if incr:
        v = incr["one_change_ms"]["median"]
        rows.append(("one changed article, rebuild", "<= %.0f ms" % TARGETS["one_change_ms"],
                     "%.0f ms" % v, v <= TARGETS["one_change_ms"]))
        v = incr["no_change_ms"]["median"]
        rows.append(("no change, rebuild", "<= %.0f ms" % TARGETS["no_change_ms"],
                     "%.0f ms" % v, v <= TARGETS["no_change_ms"]))
    return [{"what": w, "target": t, "value": v, "pass": ok} for w, t, v, ok in rows]


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def report(results):
    """The readable tables (also the body of results.md)."""
    out = []
    meta = results["meta"]
    out.append("%s (%s) vs %s" % (meta["factbrief"] or "factbrief ?", meta["commit"] or "?",
                                            meta["hugo"] or "hugo: not measured"))
    out.append("%s CPUs (%s), %s, %s; output on %s (%s); measured %s" % (
        meta["machine"]["cpus"], meta["machine"]["cpu"], meta["machine"]["memory"],
        meta["machine"]["system"], meta["scratch_kind"], meta["scratch"], meta["date"]))
    out.append("timing: %s; runs alternate factbrief, hugo after one warm-up each; "
               "values are median (min-max)" % meta["timer"])
    out.append("load average (1 min) before %.2f, after %.2f" % (meta["load_before"],
                                                                meta["load_after"]))
    for size in results["sizes"]:
        n, full, incr = size["n"], size.get("full"), size.get("incremental")
        out.append("")
        out.append("## N = {:,} articles ({:.2f} MB), {} counted run{}".format(
            n, size["corpus_mb"], size["runs"], "" if size["runs"] == 1 else "s"))
        if full:
            rows = []
            for tool in ("factbrief", "hugo"):
                if tool in full:
                    t = full[tool]
                    rows.append([tool, fmt_s(t["wall_s"]), fmt_s(t["cpu_s"]),
                                 fmt_mib(t["peak_rss_mib"]),
                                 "{:,.0f}".format(t["pages_per_s"] or 0),
                                 "{:.1f}".format(size["corpus_mb"] / t["wall_s"]["median"])])
            out.append("")
            out.append("full build (clean output and cache before each run):")
            out.append(table(["command", "wall s", "cpu s", "peak MiB", "pages/s", "MB/s"], rows))
            if "ratio_wall" in full:
                out.append("")
                out.append("factbrief/hugo, pair by pair: wall %s, cpu %s" % (
                    fmt_ratio(full["ratio_wall"]), fmt_ratio(full["ratio_cpu"])))
        if incr:
            out.append("")
            out.append("factbrief rebuilds (ms): no change %s; one changed article %s" % (
                fmt_ms(incr["no_change_ms"]), fmt_ms(incr["one_change_ms"])))
            sp = incr.get("serve_probe")
            if sp and sp.get("reported_ms"):
                out.append("factbrief serve (incr_probe.py): ready after %.2f s; rebuild reported "
                           "%s ms; write to log %s ms" % (
                               sp["initial_ready_s"] or 0, fmt_ms(sp["reported_ms"]),
                               fmt_ms(sp["write_to_log_ms"])))
        if size["targets"]:
            out.append("")
            out.append("targets:")
            out.append(table(["", "measured", "target", "result"],
                             [[t["what"], t["value"], t["target"], pass_fail(t["pass"])]
                              for t in size["targets"]]))
            if n != TARGET_N:
                out.append("(the targets are set for N = {:,}; shown here for orientation)"
                           .format(TARGET_N))
    return "\n".join(out)


def markdown(results):
    """results.md: the same figures as Markdown tables, to quote."""
    meta = results["meta"]
    out = ["# factbrief benchmark", "",
           "%s (%s) vs %s; %s CPUs (%s), %s; output on %s; %s." % (
               meta["factbrief"], meta["commit"], meta["hugo"] or "hugo not measured",
               meta["machine"]["cpus"], meta["machine"]["cpu"], meta["machine"]["memory"],
               meta["scratch_kind"], meta["date"]),
           "Command: `%s`. Median (min-max); runs alternate factbrief and hugo after one "
           "warm-up each; %s. Load average before %.2f, after %.2f." % (
               meta["command"], meta["timer"], meta["load_before"], meta["load_after"])]
    for size in results["sizes"]:
        n, full, incr = size["n"], size.get("full"), size.get("incremental")
        out += ["", "## N = {:,} ({:.2f} MB, {} runs)".format(n, size["corpus_mb"], size["runs"]), ""]
        if full:
            rows = []
            for tool in ("factbrief", "hugo"):
                if tool in full:
                    t = full[tool]
                    rows.append([tool, fmt_s(t["wall_s"]), fmt_s(t["cpu_s"]),
                                 fmt_mib(t["peak_rss_mib"]), "{:,.0f}".format(t["pages_per_s"] or 0)])
            out.append(md_table(["full build", "wall s", "cpu s", "peak MiB", "pages/s"], rows))
            if "ratio_wall" in full:
                out += ["", "factbrief/hugo pair by pair: wall %s, cpu %s." % (
                    fmt_ratio(full["ratio_wall"]), fmt_ratio(full["ratio_cpu"]))]
        if incr:
            rows = [["no change", fmt_ms(incr["no_change_ms"])],
                    ["one changed article", fmt_ms(incr["one_change_ms"])]]
            sp = incr.get("serve_probe")
            if sp and sp.get("reported_ms"):
                rows.append(["`serve`, rebuild it reports", fmt_ms(sp["reported_ms"])])
                rows.append(["`serve`, write to its Done line", fmt_ms(sp["write_to_log_ms"])])
            out += [""] + [md_table(["factbrief rebuild", "ms"], rows)]
        if size["targets"]:
            out += ["", md_table(["target", "measured", "bar", "result"],
                                 [[t["what"], t["value"], t["target"], pass_fail(t["pass"])]
                                  for t in size["targets"]])]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Time factbrief build against Hugo on generated corpora (see README, "
                    "'Benchmarks'). Run it through scripts/bench.sh.")
    ap.add_argument("--sizes", default="1000,10000",
                    help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--runs", type=int,
                    help="counted runs per tool and size (default 10 below N=10000, 5 from it)")
    ap.add_argument("--quick", action="store_true",
                    help="for CI: sizes 200, 2 runs, short settle (overrides --sizes/--runs)")
    ap.add_argument("--tools", default="factbrief,hugo",
                    help="which full builds to time: factbrief, hugo or both (default both)")
    ap.add_argument("--no-incremental", dest="incremental", action="store_false",
                    help="skip the no-change, one-change and serve figures")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "factbrief"),
                    help="the factbrief binary (default target/release/factbrief)")
    ap.add_argument("--shared", default=os.environ.get("FACTBRIEF_SHARED",
                                                       os.path.join(os.path.dirname(REPO), "shared")),
                    help="the shared/ folder with bench/gen_corpus.py (default $FACTBRIEF_SHARED, "
                         "else ../shared beside the repository)")
    ap.add_argument("--cache", default=os.path.join(REPO, "target", "bench"),
                    help="where corpora and results go (default target/bench)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch output folder")
    a = ap.parse_args(argv)
    if a.quick:
        a.sizes, a.runs = "200", 2
    try:
        a.sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes comma-separated integers, e.g. 1000,10000")
    if not a.sizes or any(n < 1 for n in a.sizes):
        ap.error("--sizes needs at least one size of 1 or more")
    if a.runs is not None and a.runs < 1:
        ap.error("--runs must be 1 or more")
    a.tools = {t.strip() for t in a.tools.split(",") if t.strip()}
    if not a.tools or a.tools - {"factbrief", "hugo"}:
        ap.error("--tools takes factbrief, hugo or factbrief,hugo")
    a.settle = 0.5 if a.quick else 2.0
    a.runs_for = lambda n: a.runs or (10 if n < 10000 else 5)
    a.incr_runs_for = lambda n: a.runs or (10 if n < 10000 else 5)
    return a


def main(argv=None):
    a = parse_args(argv)
    gen = os.path.join(a.shared, "bench", "gen_corpus.py")
    if not os.path.exists(gen):
        raise BenchError("%s not found: keep the repository beside shared/, or set "
                         "FACTBRIEF_SHARED=/path/to/shared" % gen)
    if not os.access(a.bin, os.X_OK):
        raise BenchError("%s is not an executable: run `cargo build --release` (scripts/bench.sh "
                         "does)" % a.bin)
    if "hugo" in a.tools and not shutil.which("hugo"):
        log("warning: hugo is not installed, so only factbrief is timed; install it with "
            "`apt-get install -y hugo` (as root) for the comparison")
        a.tools.discard("hugo")
    needs_factbrief = "factbrief" in a.tools or a.incremental
    if needs_factbrief:
        check_cache_location(a.bin)
    a.serve = a.incremental and serve_exists(a.bin)
    os.makedirs(a.cache, exist_ok=True)
    scratch, on_tmpfs = tmpfs_root()
    results = {
        "meta": {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": os.environ.get("FACTBRIEF_BENCH_COMMAND")
                       or "scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
            "load_before": busy_check(),
            "factbrief": tool_version([a.bin, "--version"]),
            "commit": git_commit(),
            "hugo": (tool_version(["hugo", "version"]) or "").split(" BuildDate")[0] or None
                    if "hugo" in a.tools else None,
            "machine": machine(),
            "scratch": scratch,
            "scratch_kind": "tmpfs" if on_tmpfs else "disk",
            "timer": ("wall: Python perf_counter around the process; cpu and peak RSS: "
                      + ("/usr/bin/time -v" if os.path.exists(TIME) else "wait4(2) rusage")),
            "targets": TARGETS,
        },
        "sizes": [],
    }
    try:
        for n in a.sizes:
            need_plain = "factbrief" in a.tools or a.incremental
            plain = corpus(a.cache, gen, n, "plain") if need_plain else None
            hugo_site = corpus(a.cache, gen, n, "hugo") if "hugo" in a.tools else None
            articles = plain or os.path.join(hugo_site, "content")
            size = {"n": n, "corpus_mb": corpus_mb(articles), "runs": a.runs_for(n)}
            log("N=%d: full builds" % n)
            size["full"] = full_builds(a, n, plain, hugo_site, scratch) if a.tools else None
            size["incremental"] = incremental(a, n, plain, scratch) if a.incremental else None
            size["targets"] = targets_for(n, size["full"], size["incremental"])
            results["sizes"].append(size)
    finally:
        if not a.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    results["meta"]["load_after"] = round(os.getloadavg()[0], 2)
    text = report(results)
    print(text)
    json_path = os.path.join(a.cache, "results.json")
    md_path = os.path.join(a.cache, "results.md")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    with open(md_path, "w", encoding="utf-8") as f:
        f.write(markdown(results))
    print("\nwritten: %s, %s" % (os.path.relpath(json_path), os.path.relpath(md_path)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        log("error: %s" % e)
        sys.exit(1)
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
