"""The real server under many users: logged-in sessions changing filters, a flood of wrong logins beside a user
who keeps working, and anonymous uploads; each through Streamlit's own websocket protocol (bench/streamlit_client.py),
since fifty browsers do not fit on two cores beside the server.

The server is started the way `make run` starts it (the `streamlit run …` line of the Makefile's run target, or
`--serve FILE`), headless and without its file watcher, on a fresh demo database in a temporary folder with the
test accounts of tests/conftest.py. Memory is the resident size (VmRSS) of the server process and all its children."""
import argparse
import asyncio
import datetime as dt
import http.client
import os
import random
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent

from bench.streamlit_client import XSRF_COOKIE, ProtocolError, Session
from security.audit import audit_trail
from security.passwords import BUSY
from security.sessions import WRONG, start_session
from security.store import open_accounts
from ui.auth import COOKIE, cookie_signer

from conftest import with_accounts

SIZES = (10, 25, 50)
FLOOD = 50
UPLOADS, UPLOAD_MB, AFTER_CLOSE = 4, 150, 30
TIMEOUT = 180.0
PAGE_ERROR = "gặp lỗi"        # ui/frame.py's message when a page raised


def make_run_args() -> list[str]:
    """The arguments after `streamlit` on the Makefile's `run` target: what `make run` launches."""
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("run:"))
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        words = shlex.split(line.strip())
        if len(words) > 2 and words[0].endswith("streamlit") and words[1] == "run":
            return words[1:]
    raise SystemExit("The Makefile's run target has no `streamlit run` line: pass --serve FILE.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and every process under it."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for member in tree:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used, all its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Peak:
    """The highest tree_rss seen while the block runs, sampled four times a second, and the CPU seconds the
    server and this client used meanwhile."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._task = pid, 0, None
        self.server_cpu = self.client_cpu = 0.0

    async def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, tree_rss(self.pid))
            await asyncio.sleep(0.25)

    async def __aenter__(self):
        self.peak = tree_rss(self.pid)
        self.server_cpu, self.client_cpu = cpu_seconds(self.pid), time.process_time()
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *_) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self.peak = max(self.peak, tree_rss(self.pid))
        self.server_cpu = cpu_seconds(self.pid) - self.server_cpu
        self.client_cpu = time.process_time() - self.client_cpu


class Server:
    """The dashboard on a fresh demo database in a temporary folder, launched as `make run` launches it."""

    def __init__(self, run_args: list[str]) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bench-sessions-"))
        self.db = self.folder / "dashboard.duckdb"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        os.environ["DASHBOARD_SECRET_FILE"] = str(self.folder / "cookie-secret")
        # no file watcher: others edit this tree, and a server reloading modules mid-run measures nothing
        options = ["--server.headless", "true", "--server.port", str(self.port), "--browser.gatherUsageStats",
                   "false", "--server.fileWatcherType", "none"]
        self.command = [sys.executable, "-m", "streamlit", run_args[0], *options, *run_args[1:]]
        self.process = None

    def prepare(self, tokens: int) -> tuple[list[str], dict]:
        """The demo database, the four test accounts, `tokens` signed session cookies (round robin over the
        accounts) minted before the server holds the accounts file, and the filter values to start from."""
        subprocess.run([sys.executable, "-m", "etl", "init", "--demo", "--db", str(self.db)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        with_accounts(self.db)
        with open_accounts(self.db) as con:
            names = [row[0] for row in con.execute("SELECT username FROM accounts ORDER BY username").fetchall()]
            cookies = [cookie_signer().sign(start_session(con, names[i % len(names)], hours=8)).decode()
                       for i in range(tokens)]
        with duckdb.connect(str(self.db), read_only=True) as con:
            periods = con.execute("SELECT code, plan_code FROM periods WHERE start_date <= current_date "
                                  "ORDER BY start_date").fetchall()
        return cookies, {"periods": periods}

    def start(self) -> None:
        env = os.environ | {"DASHBOARD_DB": str(self.db)}
        self.log = open(self.folder / "server.log", "wb")
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=1)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.5)
        raise SystemExit(f"The server did not start: {self.log_tail()}")

    @property
    def base_v6(self) -> str | None:
        """The server over ::1 if it listens there: Streamlit gives a client on ::1 no address at all, so the
        dashboard takes X-Forwarded-For as from a proxy on this machine (a client on 127.0.0.1 reaches a
        dual-stack server as ::ffff:127.0.0.1, which older versions of ui/auth.client_address took at face value)."""
        try:
            socket.create_connection(("::1", self.port), timeout=2).close()
        except OSError:
            return None
        return f"http://[::1]:{self.port}"

    def log_tail(self, lines: int = 15) -> str:
        return "\n".join((self.folder / "server.log").read_text(errors="replace").splitlines()[-lines:])

    def rss(self) -> int:
        return tree_rss(self.process.pid)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.log.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else float("nan")


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.0f} {percentile(values, 0.95) * 1000:6.0f}" if values \
        else f"{'-':>6} {'-':>6}"


def mb(size: int) -> str:
    return f"{size / 1048576:5.0f}"


def _other(options: list[str], current, step: int) -> str:
    """An option other than the shown one, different for each step so that sessions do not all ask the same."""
    shown = current if isinstance(current, str) else (current or [None])[0]
    choices = [o for o in options if o != shown] or options
    return choices[step % len(choices)]


async def filter_click(session: Session, step: int, variety: int = 0):
    """Click `step` of the cycle: an occasion on the overview, the by-unit page, a unit, the reporting progress
    page, a plan, back to the overview. `variety` shifts the options picked, so that sessions differ."""
    widgets = session.widgets
    action, step = step % 6, step + variety
    if action == 0:
        periods = widgets["f_periods"]
        return await session.click(f_periods=[_other(periods.options, session.values.get(periods.id), step)])
    if action == 1:
        return await session.go("theo_don_vi")
    if action == 2:
        unit = widgets.get("f_unit")
        if unit is None:                        # a unit account whose unit did not exist then: nothing to pick
            return await session.click()
        return await session.click(f_unit=_other(unit.options, session.values.get(unit.id), step))
    if action == 3:
        return await session.go("tien_do_bao_cao")
    if action == 4:
        plan = widgets["f_plan"]
        return await session.click(f_plan=_other(plan.options, session.values.get(plan.id), step))
    return await session.go("tong_quan")


def problem(run) -> str | None:
    said = f" ({run.texts[1][:70]!r})" if len(run.texts) > 1 else ""
    if run.status != "FINISHED_SUCCESSFULLY":
        return run.status
    if "f_plan" not in run.widgets:
        return "no sidebar, login form?" + said
    if any(PAGE_ERROR in text for text in run.texts):
        return "page error" + said
    return None


async def logged_in(server: Server, cookie: str, query: str) -> tuple[Session, float]:
    session = Session(server.base, cookies={COOKIE: cookie}, timeout=TIMEOUT)
    await session.open()
    run = await session.load("", query)
    if problem(run):
        raise ProtocolError(f"a logged-in session's first page: {problem(run)}")
    return session, run.seconds


async def part_sessions(server: Server, cookies: list[str], demo: dict, sizes, clicks: int, think: float) -> list:
    rows = []
    periods = demo["periods"]
    for n in sizes:
        rng = random.Random(n)
        before = server.rss()
        async with Peak(server.process.pid) as peak:
            opened = await asyncio.gather(*(logged_in(server, cookies[i], f"ke_hoach={periods[i % len(periods)][1]}"
                                                      f"&dot={periods[i % len(periods)][0]}") for i in range(n)),
                                          return_exceptions=True)
            sessions = [s for s, _ in (o for o in opened if not isinstance(o, BaseException))]
            loads = [t for _, t in (o for o in opened if not isinstance(o, BaseException))]
            failures = [f"open: {o}" for o in opened if isinstance(o, BaseException)]
            times: list[float] = []

            async def user(index: int, session: Session) -> None:
                for step in range(clicks):
                    await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
                    try:
                        run = await filter_click(session, step, index)
                    except (ProtocolError, asyncio.TimeoutError, KeyError) as error:
                        failures.append(f"click {step % 6}: {type(error).__name__} {error}")
                        return
                    times.append(run.seconds)
                    if problem(run):
                        failures.append(f"click {step % 6}: {problem(run)}")

            start = time.perf_counter()
            await asyncio.gather(*(user(i, s) for i, s in enumerate(sessions)))
            wall = time.perf_counter() - start
            await asyncio.gather(*(s.close() for s in sessions))
        rows.append((n, loads, times, failures, before, peak, wall))
        print(f"  {n} sessions: {len(times)} clicks in {wall:.0f} s, median {statistics.median(times) * 1000:.0f} ms"
              if times else f"  {n} sessions: no click answered", flush=True)
        for failure in sorted(set(failures))[:5]:
            print(f"    problem: {failure} (x{failures.count(failure)})", flush=True)
    return rows


def _answer(run) -> str:
    text = " ".join(run.texts)
    if WRONG in text:
        return "wrong"
    if BUSY in text:
        return "busy"
    if "Hãy đợi" in text:
        return "wait"
    if run.status.endswith("SUCCESSFULLY"):
        return "other: " + " | ".join(text[:50] for text in run.texts[:3])
    return run.status


def _failed_logins(db: Path) -> dict[int, int]:
    """Audit line -> failed logins it records ("… (7 lần trong phút 10:02)" counts seven), read between the
    server's short connections to the accounts file."""
    for attempt in range(50):
        try:
            with open_accounts(db) as con:
                lines = audit_trail(con, since=dt.date.today(), actions=("login_failed",), limit=1_000_000)
            return {line["id"]: int(m.group(1)) if (m := re.search(r"\((\d+) lần", line["detail"])) else 1
                    for line in lines}
        except duckdb.IOException:
            time.sleep(0.1 + attempt * 0.05)
    raise ProtocolError("the accounts file stayed locked by the server")


async def part_flood(server: Server, cookie: str, addresses: int, network: int) -> dict:
    """FLOOD anonymous sessions submit a wrong password for the admin at once, from `addresses` client addresses
    in 10.`network`.0.0/16 (X-Forwarded-For over ::1, as a reverse proxy on the same machine passes them), beside
    one working user."""
    bystander, _ = await logged_in(server, cookie, "")
    alone = []
    for step in range(6):
        alone.append((await filter_click(bystander, step)).seconds)
    base = server.base_v6 or server.base
    attackers = [Session(base, headers={"X-Forwarded-For": f"10.{network}.{i % addresses // 250}."
                                                                  f"{i % addresses % 250 + 1}"}, timeout=TIMEOUT)
                 for i in range(FLOOD)]
    await asyncio.gather(*(s.open() for s in attackers))
    await asyncio.gather(*(s.load() for s in attackers))
    audit_before = await asyncio.to_thread(_failed_logins, server.db)
    during, done = [], asyncio.Event()

    async def keep_clicking() -> None:
        step = 0
        while not done.is_set():
            during.append((await filter_click(bystander, step)).seconds)
            step += 1

    async def attempt(session: Session):
        return await session.click(login_user="quantri", login_password="mat-khau-sai-1234", submit="login")

    async with Peak(server.process.pid) as peak:
        clicking = asyncio.create_task(keep_clicking())
        await asyncio.sleep(0.5)
        runs = await asyncio.gather(*(attempt(s) for s in attackers), return_exceptions=True)
        done.set()
        await clicking
    audit_after = await asyncio.to_thread(_failed_logins, server.db)
    await asyncio.gather(*(s.close() for s in [bystander, *attackers]))
    answered = [r for r in runs if not isinstance(r, BaseException)]
    answers = [_answer(r) for r in answered] + [type(r).__name__ for r in runs if isinstance(r, BaseException)]
    return {"addresses": addresses, "times": [r.seconds for r in answered], "alone": alone, "during": during,
            "answers": {a: answers.count(a) for a in sorted(set(answers))}, "peak": peak.peak,
            "cpu": (peak.server_cpu, peak.client_cpu),
            "audit_rows": len(audit_after.keys() - audit_before.keys()),
            "audit_counted": sum(audit_after.values()) - sum(audit_before.values()), "base": base}


def put_upload(server: Server, session_id: str, xsrf: str, size: int) -> str:
    """One multipart PUT of `size` bytes to the upload endpoint, streamed; the HTTP status or how it ended."""
    boundary = uuid.uuid4().hex
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="bao_cao.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    chunk = b"T,2025-2-9,KL21,10,9,200,10,185,,1,10/10/2025,\r\n" * 20_000
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    try:
        connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/{uuid.uuid4()}")
        connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        connection.putheader("Content-Length", str(len(head) + size + len(tail)))
        connection.putheader("X-Xsrftoken", xsrf)
        connection.putheader("Cookie", f"{XSRF_COOKIE}={xsrf}")
        connection.putheader("Origin", server.base)
        connection.endheaders()
        try:
            connection.send(head)
            left = size
            while left:
                piece = chunk[:left]
                connection.send(piece)
                left -= len(piece)
            connection.send(tail)
        except OSError:
            pass                       # refused before the whole body was read: the answer may still be there
        try:
            return str(connection.getresponse().status)
        except OSError as error:
            return type(error).__name__
    finally:
        connection.close()


async def part_uploads(server: Server) -> dict:
    session = Session(server.base, timeout=TIMEOUT)
    await session.open()
    run = await session.load()
    if "login_user" not in run.widgets:
        raise ProtocolError("the anonymous session did not get the login form")
    before = server.rss()
    statuses = []
    async with Peak(server.process.pid) as peak:
        for _ in range(UPLOADS):
            statuses.append(await asyncio.to_thread(put_upload, server, session.session_id,
                                                    session.cookies[XSRF_COOKIE], UPLOAD_MB * 1048576))
    after = server.rss()
    await session.close()
    await asyncio.sleep(AFTER_CLOSE)
    return {"statuses": statuses, "before": before, "after": after, "peak": peak.peak, "later": server.rss()}


async def main(args) -> None:
    run_args = ["run", args.serve] if args.serve else make_run_args()
    server = Server(run_args)
    cookies, demo = server.prepare(max(args.sessions) + 1)
    launch = "streamlit " + " ".join(run_args)
    print(f"server: {launch} ({'--serve' if args.serve else 'Makefile run target'}), port {server.port}, "
          f"demo database in {server.folder}; {os.cpu_count()} cores", flush=True)
    server.start()
    idle = server.rss()
    results = {}
    try:
        for name, chosen, part in (
                ("sessions", "sessions", lambda: part_sessions(server, cookies, demo, args.sessions, args.clicks,
                                                               args.think)),
                ("flood", "flood", lambda: part_flood(server, cookies[-1], FLOOD, 1)),
                ("flood1", "flood", lambda: part_flood(server, cookies[-1], 1, 2)),
                ("uploads", "uploads", lambda: part_uploads(server))):
            if chosen not in args.parts:
                continue
            print(f"{name} …", flush=True)
            try:
                results[name] = await part()
            except Exception as error:   # one part's failure is reported; the other parts still run
                results[name] = f"{type(error).__name__}: {error}"
                print(f"  failed: {results[name]}\n  server log:\n{server.log_tail()}", flush=True)
    finally:
        server.stop()
    report(results, idle, args)
    if not any(isinstance(result, str) for result in results.values()):
        shutil.rmtree(server.folder)     # kept, with server.log, when a part failed


def med_p95(values: list[float]) -> str:
    return "/".join(ms(values).split()) + " ms"


def report(results: dict, idle: int, args) -> None:
    def failed(name: str) -> bool:
        if isinstance(results[name], str):
            print(f"   failed: {results[name]}")
        return isinstance(results[name], str)

    print(f"\nserver RSS when idle: {mb(idle).strip()} MB (server process and children)")
    if "sessions" in results:
        print(f"\n1. logged-in sessions changing filters: {args.clicks} clicks each (occasion, page, unit, page, "
              f"plan, page), think time {args.think * 0.5:.1f}–{args.think * 1.5:.1f} s; ms from rerun request to "
              "script_finished")
        if not failed("sessions"):
            print("     N  open med    p95  click med    p95   max  clicks errors  RSS before  peak MB  wall s  "
                  "CPU s server  bench")
            for n, loads, times, failures, before, peak, wall in results["sessions"]:
                print(f"   {n:3d}  {ms(loads)}     {ms(times)} {max(times, default=0) * 1000:5.0f}  {len(times):6d} "
                      f"{len(failures):6d}       {mb(before)}    {mb(peak.peak)}   {wall:5.0f}         "
                      f"{peak.server_cpu:5.0f}  {peak.client_cpu:5.0f}")
    if "flood" in results:
        print(f"\n2. {FLOOD} simultaneous wrong logins for quantri, one logged-in bystander clicking filters")
    for key in ("flood", "flood1"):
        if key not in results or failed(key):
            continue
        flood = results[key]
        print(f"   from {flood['addresses']} address(es): answer med/p95 {med_p95(flood['times'])}; answers "
              f"{flood['answers']}; bystander click med/p95 {med_p95(flood['during'])} during "
              f"({len(flood['during'])} clicks), {med_p95(flood['alone'])} alone; RSS peak {mb(flood['peak']).strip()}"
              f" MB; CPU s server {flood['cpu'][0]:.0f}, bench {flood['cpu'][1]:.0f}; audit: {flood['audit_rows']} "
              f"new login_failed lines counting {flood['audit_counted']} failures")
        if "[::1]" not in flood["base"]:
            print("   (no IPv6 loopback: attempts came from 127.0.0.1; X-Forwarded-For may have been ignored)")
    if "uploads" in results:
        print(f"\n3. {UPLOADS} anonymous uploads of {UPLOAD_MB} MB to /_stcore/upload_file from a session that "
              "never logged in")
        if not failed("uploads"):
            uploads = results["uploads"]
            print(f"   HTTP {', '.join(uploads['statuses'])}; RSS before {mb(uploads['before']).strip()} MB, after "
                  f"{mb(uploads['after']).strip()} MB (peak {mb(uploads['peak']).strip()}), {AFTER_CLOSE} s after "
                  f"the session closed {mb(uploads['later']).strip()} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The dashboard server under many websocket sessions, a flood of "
                                                 "wrong logins and anonymous uploads.")
    parser.add_argument("--serve", help="the file `streamlit run` serves (default: the Makefile's run target)")
    parser.add_argument("--sessions", type=lambda text: [int(n) for n in text.split(",")], default=list(SIZES),
                        help="concurrent logged-in sessions per round, e.g. 10,25,50")
    parser.add_argument("--clicks", type=int, default=6, help="clicks per session per round")
    parser.add_argument("--parts", type=lambda text: text.split(","), default=["sessions", "flood", "uploads"],
                        help="which parts to run: sessions,flood,uploads")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a session's clicks")
    asyncio.run(main(parser.parse_args()))
