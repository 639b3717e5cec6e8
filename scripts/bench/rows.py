"""The measurements of scripts/bench.sh, one function per row of the table.

Each row appends one JSON object per table line to the results file; `table`
prints them as Markdown. Progress goes to stderr. Every comparison runs the
two sides alternately in the same run, so both see the same machine load;
the ratio is what to read, absolute times drift on a shared machine.

    python3 scripts/bench/rows.py ROW RESULTS.jsonl   (paths from the environment)
    python3 scripts/bench/rows.py table RESULTS.jsonl
"""

import json
import os
import queue
import re
import shutil
import smtplib
import socket
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ENV = os.environ
KIRJE = ENV.get("KIRJE", "target/release/kirje")
TYPST = ENV.get("TYPST", "typst")
WORK = Path(ENV.get("BENCH_WORK", "/tmp/kirje-bench"))
QUICK = ENV.get("BENCH_QUICK") == "1"
EXAMPLE = Path("examples/lumo")
# The news title that rows 2 edits (in the edition's YAML and in view.json).
TITLE = "LUMOn yhteinen tapahtumakalenteri on avattu"
EDITION = "editions/2021-05.yaml"


def say(*parts):
    print("   ", *parts, file=sys.stderr, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    t = time.perf_counter()
    run(cmd, **kw)
    return time.perf_counter() - t


def median(xs):
    return statistics.median(xs)


def add(results, **row):
    with open(results, "a", encoding="utf-8") as f:
        f.write(json.dumps(row, ensure_ascii=False) + "\n")


def fresh(path):
    path = Path(path)
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def copy_example(dest):
    """A copy of the example without any journal, dist or other hidden state."""
    dest = fresh(dest)
    shutil.copytree(EXAMPLE, dest, ignore=shutil.ignore_patterns(".*", "dist"))
    return dest


def emitted_typst():
    """The Typst sources kirje builds the newsletter from (`--emit-typst`)."""
    out = WORK / "emit"
    if not (out / "typst" / "newsletter.typ").exists():
        fresh(out)
        run([KIRJE, "build", str(EXAMPLE), "-o", str(out), "--emit-typst"])
    return out / "typst"


def ms(s):
    return s * 1000


# Row 1 ------------------------------------------------------------------

def cpu_run(cmd, **kw):
    """Runs `cmd`; its (CPU seconds, user + system, and wall seconds)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[0]} failed: {err[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall


def typst_documents(src):
    """The six documents `kirje build examples/lumo` typesets, as typst-cli
    commands on the emitted sources: newsletter and slides in each language
    (the web archive's copy of each newsletter is the same document), with
    the PDF standards kirje exports (PDF/A-2a and PDF/UA-1)."""
    langs = sorted(
        p.name[len("view."):-len(".json")] if p.name != "view.json" else ""
        for p in src.glob("view*.json")
    )
    docs = []
    for lang in langs:
        view = "/view.json" if not lang else f"/view.{lang}.json"
        for main in ("newsletter", "slides"):
            docs.append((f"{main}{'.' + lang if lang else ''}", main, view))
    return docs


def row_build(results):
    n = 3 if QUICK else 9
    src = emitted_typst()
    base = [TYPST, "compile", "--root", ".", "--font-path", "fonts",
            "--pdf-standard", "a-2a,ua-1"]
    docs = typst_documents(src)
    (src / "startup.typ").write_text('#set document(title: [start-up])\n#set text(lang: "fi")\n', encoding="utf-8")
    runs = fresh(WORK / "build")
    k_cpu, k_wall, t_cpu = [], [], []
    for i in range(n + 1):
        kc, kw = cpu_run([KIRJE, "build", str(EXAMPLE), "-o", str(runs / f"kirje{i}")])
        # typst-cli's start-up: the CPU an empty document takes.
        sc, _ = cpu_run(base + ["startup.typ", str(runs / f"startup{i}.pdf")], cwd=src)
        tc = 0.0
        for name, main, view in docs:
            c, _ = cpu_run(
                base + ["--input", f"view={view}", f"{main}.typ", str(runs / f"{name}.{i}.pdf")],
                cwd=src,
            )
            tc += max(c - sc, 0.0)
        if i:  # the first round warms the disk cache for both
            k_cpu.append(kc)
            k_wall.append(kw)
            t_cpu.append(tc)
        say(f"round {i}: kirje build {ms(kc):.0f} ms CPU ({ms(kw):.0f} ms wall), "
            f"typst-cli {len(docs)} documents {ms(tc):.0f} ms CPU (start-up {ms(sc):.0f} ms each, taken off)")
    kc, kw, tc = median(k_cpu), median(k_wall), median(t_cpu)
    cores = os.cpu_count() or 1
    add(
        results,
        row="1",
        what=f"CPU time (user + system) of the whole `kirje build examples/lumo` (the {len(docs)} documents plus email, text, web, ICS) vs typst-cli compiling the same {len(docs)} documents one by one from `--emit-typst` (each less its start-up); median of {n}",
        kirje=f"{ms(kc):.0f} ms",
        other=f"{ms(tc):.0f} ms",
        speedup=tc / kc,
        target="kirje ≤ 1.2× typst's CPU",
        met=kc <= 1.2 * tc,
    )
    add(
        results,
        row="1b",
        what=f"wall time of the same build vs typst-cli's CPU for the {len(docs)} documents spread over the machine's {cores} cores: how well the build uses them",
        kirje=f"{ms(kw):.0f} ms",
        other=f"{ms(tc / cores):.0f} ms",
        speedup=(tc / cores) / kw,
        target="report",
        met=None,
    )


# Row 2 ------------------------------------------------------------------

class Lines:
    """A child process's merged output, line by line, from a reader thread."""

    def __init__(self, cmd, **kw):
        self.proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw
        )
        self.q = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.q.put(line.rstrip("\n"))
        self.q.put(None)

    def wait_for(self, pattern, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no line matching {pattern!r} in {timeout} s")
            line = self.q.get(timeout=left)
            if line is None:
                raise RuntimeError(f"{self.proc.args[0]} ended (exit {self.proc.wait()})")
            m = re.search(pattern, line)
            if m:
                return m
            if re.search(r"(?i)error|warning|virhe", line):
                say(f"[{Path(self.proc.args[0]).name}] {line}")

    def drain(self):
        while not self.q.empty():
            self.q.get_nowait()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def row_watch(results):
    n = 5 if QUICK else 15
    base = fresh(WORK / "watch")
    proj = copy_example(base / "project")
    typ = base / "typst"
    shutil.copytree(emitted_typst(), typ)
    kirje = Lines([KIRJE, "watch", str(proj), "-o", str(base / "out"), "--lang", "en"])
    typst = Lines(
        [TYPST, "watch", "--root", ".", "--font-path", "fonts", "newsletter.typ", str(base / "t.pdf")],
        cwd=typ,
    )
    k_pat = r"\((\d+) ms\)"
    t_pat = r"compiled (?:successfully|with warnings) in ([\d.]+) (ms|s|µs)"
    k_scale = {"ms": 1.0, "s": 1000.0, "µs": 0.001}
    try:
        kirje.wait_for(k_pat, timeout=120)
        typst.wait_for(t_pat, timeout=120)
        k, t = [], []
        title = TITLE
        for i in range(n + 1):
            new = f"{TITLE} ({i + 1})"
            time.sleep(0.3)
            kirje.drain()
            replace_in(proj / EDITION, title, new)
            tk = float(kirje.wait_for(k_pat).group(1))
            time.sleep(0.3)
            typst.drain()
            replace_in(typ / "view.json", title, new)
            m = typst.wait_for(t_pat)
            tt = float(m.group(1)) * k_scale[m.group(2)]
            title = new
            if i:
                k.append(tk)
                t.append(tt)
            say(f"edit {i}: kirje watch {tk:.0f} ms, typst watch {tt:.1f} ms")
    finally:
        kirje.stop()
        typst.stop()
    kb, tb = median(k), median(t)
    add(
        results,
        row="2",
        what=f"rebuild after editing one news title, in one process: `kirje watch` (every output) vs `typst watch` (the newsletter); median of {n} edits",
        kirje=f"{kb:.0f} ms",
        other=f"{tb:.1f} ms",
        speedup=tb / kb,
        target="kirje < 20 ms",
        met=kb < 20,
    )


# Row 3 ------------------------------------------------------------------

def row_email(results):
    count = 2_000 if QUICK else 10_000
    mjml_count = 50 if QUICK else 300
    mjml = WORK / "email.mjml"
    WORK.mkdir(parents=True, exist_ok=True)
    out = run([ENV["PERSONALISE"], "--count", str(count), "--mjml", str(mjml)]).stdout
    say(out.strip())
    k = float(re.search(r"median ([\d.]+) µs", out).group(1))
    out = run(["node", "scripts/bench/mjml.mjs", ENV["BENCH_NODE"], str(mjml), str(mjml_count)]).stdout
    say(out.strip())
    version = re.search(r"mjml ([\d.]+)", out).group(1)
    m = float(re.search(r"median ([\d.]+) µs", out).group(1))
    add(
        results,
        row="3",
        what=f"one personalised email: kirje fills the once-rendered HTML and text and builds the MIME message (median of {count:,} recipients, in-process) vs mjml {version} `mjml2html` of kirje's MJML with the name filled in (Node loop, median of {mjml_count})",
        kirje=f"{k:.0f} µs",
        other=f"{m / 1000:.1f} ms",
        speedup=m / k,
        target="≥ 200×",
        met=m / k >= 200,
    )


# Rows 4 and 5 -----------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_sink():
    """postfix's smtp-sink on a free local port: accepts everything, stores nothing."""
    port = free_port()
    root = Path(ENV["POSTFIX_ROOT"])
    cmd = [str(root / "usr/sbin/smtp-sink")]
    if os.geteuid() == 0:
        cmd += ["-u", "nobody"]
    cmd += [f"127.0.0.1:{port}", "1000"]
    env = dict(ENV, LD_LIBRARY_PATH=str(root / "usr/lib/postfix"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("smtp-sink did not start")
        yield port
    finally:
        proc.terminate()
        proc.wait()


def recipients_csv(n):
    path = WORK / f"recipients-{n}.csv"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("email,name,language,organisation\n")
            for i in range(n):
                f.write(f"vastaanottaja.{i}@example.org,Maija Meikäläinen {i},fi,Esimerkkilän kaupunki\n")
    return path


def kirje_send(port, n, tag, measure_rss=False):
    """One `kirje send` of the example to n recipients: (seconds, its own delivery rate, max RSS kB)."""
    proj = copy_example(WORK / "send" / tag)
    cmd = [
        KIRJE, "send", str(proj), "--recipients", str(recipients_csv(n)),
        "--smtp", f"smtp://127.0.0.1:{port}", "--yes", "--rate", "1000000/s", "--lang", "en",
    ]
    if measure_rss:
        cmd = ["/usr/bin/time", "-f", "maxrss=%M"] + cmd
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t
    out = p.stdout + p.stderr
    if p.returncode != 0:
        raise RuntimeError(f"kirje send failed (exit {p.returncode}):\n{out[-2000:]}")
    rates = re.findall(r"\(([\d.]+)/s\)", out)
    rss = re.search(r"maxrss=(\d+)", out)
    shutil.rmtree(proj, ignore_errors=True)
    return secs, float(rates[-1]) if rates else None, int(rss.group(1)) if rss else None


def prebuilt_messages(n):
    """n messages as kirje would send them, built from one `--dry-run` .eml by changing the address."""
    proj = copy_example(WORK / "send" / "dry")
    one = WORK / "recipients-one.csv"
    one.write_text("email,name,language,organisation\nvastaanottaja.0@example.org,Maija Meikäläinen 0,fi,Esimerkkilän kaupunki\n", encoding="utf-8")
    eml_dir = fresh(WORK / "send" / "eml")
    run([KIRJE, "send", str(proj), "--recipients", str(one), "--dry-run", str(eml_dir), "--lang", "en"])
    eml = next(eml_dir.rglob("*.eml")).read_bytes()
    assert b"vastaanottaja.0@example.org" in eml
    msgs = [eml.replace(b"vastaanottaja.0@example.org", f"vastaanottaja.{i}@example.org".encode()) for i in range(n)]
    return msgs, len(eml)


def smtplib_loop(port, msgs):
    t = time.perf_counter()
    s = smtplib.SMTP("127.0.0.1", port)
    s.ehlo("isonet.fi")
    for i, m in enumerate(msgs):
        s.sendmail("lumo@isonet.fi", [f"vastaanottaja.{i}@example.org"], m)
    s.quit()
    return time.perf_counter() - t


def row_send(results):
    n = 500 if QUICK else 2_000
    rounds = 1 if QUICK else 3
    msgs, size = prebuilt_messages(n)
    k, own, p = [], [], []
    with smtp_sink() as port:
        for i in range(rounds):
            tk, rate, _ = kirje_send(port, n, f"r{i}")
            tp = smtplib_loop(port, msgs)
            k.append(n / tk)
            own.append(rate or 0)
            p.append(n / tp)
            say(f"round {i}: kirje send {n / tk:.0f}/s (its delivery phase {rate}/s), smtplib {n / tp:.0f}/s")
    kr, pr = median(k), median(p)
    add(
        results,
        row="4",
        what=f"sending {n:,} messages of {size / 1000:.0f} kB to postfix's smtp-sink: the whole `kirje send` command (render, check all, journal with fsync per message) vs a Python smtplib loop over pre-built messages, one connection, no journal; median of {rounds}",
        kirje=f"{kr:.0f} msg/s (delivery phase {median(own):.0f}/s)",
        other=f"{pr:.0f} msg/s",
        speedup=kr / pr,
        target="≥ 2×",
        met=kr / pr >= 2,
    )


def row_memory(results):
    src = emitted_typst()
    out = fresh(WORK / "mem-build")
    p = run(["/usr/bin/time", "-f", "maxrss=%M", KIRJE, "build", str(EXAMPLE), "-o", str(out)])
    kb = int(re.search(r"maxrss=(\d+)", p.stderr).group(1))
    p = run(["/usr/bin/time", "-f", "maxrss=%M", TYPST, "compile", "--root", ".", "--font-path", "fonts", "newsletter.typ", str(out / "t.pdf")], cwd=src)
    tb = int(re.search(r"maxrss=(\d+)", p.stderr).group(1))
    say(f"build: kirje {kb / 1024:.0f} MB, typst {tb / 1024:.0f} MB")
    add(
        results,
        row="5a",
        what="peak memory (max RSS) of the whole `kirje build` vs `typst compile` of the newsletter",
        kirje=f"{kb / 1024:.0f} MB",
        other=f"{tb / 1024:.0f} MB",
        speedup=tb / kb,
        target="< 200 MB",
        met=kb / 1024 < 200,
    )
    small, large = (500, 5_000) if QUICK else (5_000, 50_000)
    with smtp_sink() as port:
        rss = {}
        for n in (small, large):
            say(f"send to {n:,} recipients …")
            secs, _, r = kirje_send(port, n, f"mem{n}", measure_rss=True)
            rss[n] = r
            say(f"send to {n:,}: {r / 1024:.0f} MB in {secs:.0f} s")
    flat = rss[large] <= rss[small] * 1.25 + 5 * 1024
    add(
        results,
        row="5b",
        what=f"peak memory (max RSS) of `kirje send` to {large:,} recipients (other column: to {small:,})",
        kirje=f"{rss[large] / 1024:.0f} MB",
        other=f"{rss[small] / 1024:.0f} MB",
        speedup=None,
        target="< 200 MB and flat (≤ 1.25× the small list's)",
        met=rss[large] / 1024 < 200 and flat,
    )


# Row 6 ------------------------------------------------------------------

def row_web(results):
    log = WORK / "web.log"
    WORK.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as f:
        p = subprocess.Popen(["bash", "scripts/suites/web.sh"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in p.stdout:
            f.write(line)
            print("    " + line, end="", file=sys.stderr, flush=True)
        code = p.wait()
    text = log.read_text(encoding="utf-8")
    size = re.search(r"wasm size: (\d+) bytes raw .*?, (\d+) bytes gzip", text)
    first = re.search(r"page load to first preview: (\d+) ms", text)
    edit = re.search(r"edit to painted preview, median of \d+.*?: ([\d.]+) ms", text)
    note = "" if code == 0 else f" (web suite exit {code}; see {log})"
    if size:
        raw, gz = int(size.group(1)), int(size.group(2))
        add(results, row="6a", what="wasm bundle, raw and gzip" + note,
            kirje=f"{raw / 1048576:.1f} MiB raw, {gz / 1048576:.1f} MiB gzip", other="—",
            speedup=None, target="≤ 7 MiB gzip", met=gz / 1048576 <= 7)
    else:
        add(results, row="6a", what="wasm bundle" + note, kirje="not measured", other="—",
            speedup=None, target="≤ 7 MiB gzip", met=False)
    add(results, row="6b", what="browser: page load to first preview" + note,
        kirje=f"{first.group(1)} ms" if first else "not measured", other="—",
        speedup=None, target="—", met=None)
    add(results, row="6c", what="browser: edit to painted preview (median of 20, debounce not counted)" + note,
        kirje=f"{edit.group(1)} ms" if edit else "not measured", other="—",
        speedup=None, target="—", met=None)


# The table --------------------------------------------------------------

def table(results):
    rows = [json.loads(line) for line in open(results, encoding="utf-8") if line.strip()]
    print("| # | what | kirje | other | ratio (>1: kirje ahead) | target | met |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        speed = "—" if r["speedup"] is None else f"{r['speedup']:.2f}×"
        met = {True: "yes", False: "**no**", None: "—"}[r["met"]]
        print(f"| {r['row']} | {r['what']} | {r['kirje']} | {r['other']} | {speed} | {r['target']} | {met} |")


ROWS = {"1": row_build, "2": row_watch, "3": row_email, "4": row_send, "5": row_memory, "6": row_web}

if __name__ == "__main__":
    which, results = sys.argv[1], sys.argv[2]
    if which == "table":
        table(results)
    else:
        ROWS[which](results)
