"""The sandbox a submission runs in, and reading what comes out of it.

:func:`find_sandbox` picks the strongest isolation the machine offers
(bubblewrap, else a throwaway user, else none) and
:func:`sandbox_command` builds the command line that runs a notebook in it:
read-only Python, helpers and corpora, a memory file system with one disk
quota, no network, a process namespace of its own. The resource limits and
the killing of everything a run started are here too.

Nothing that comes out of a run is trusted: :func:`read_regular_file` reads
a file only if it is a regular file (never through a link), with a size
cap, and :func:`parse_summary` accepts a run's summary only as plain JSON
of exactly the expected fields and types. Output arrives through pipes
(``_collect``), capped in size.
"""

from __future__ import annotations

import errno
import json
import math
import os
import shutil
import selectors
import signal
import stat
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

from helpers.grading.assignment import GradingError

__all__ = [
    "DEFAULT_DISK_MB",
    "GUARD_FILE",
    "MAX_LOG_BYTES",
    "MAX_SUMMARY_BYTES",
    "Sandbox",
    "find_sandbox",
    "parse_summary",
    "read_regular_file",
    "sandbox_command",
]


#: Everything one submission may write, all files together (its folder and /tmp), in bubblewrap.
DEFAULT_DISK_MB = 512
#: Largest results summary accepted from a run; a real one is a few kilobytes.
MAX_SUMMARY_BYTES = 2_000_000
#: How much of a run's stdout and stderr is kept (the start and the end, half each).
MAX_LOG_BYTES = 1_000_000
#: Copied as ``sitecustomize.py`` into every run (see :mod:`helpers.grading.guard`).
GUARD_FILE = Path(__file__).resolve().parent / "guard.py"
_NOBODY = 65534
_GUARD_PREFIX = "[grading-guard] "


# ---------------------------------------------------------------------------
# The sandbox
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sandbox:
    """How submissions will be isolated.

    ``kind`` is ``"bubblewrap"`` (separate file system view, no network,
    private /tmp and processes), ``"user"`` (runs as the unprivileged
    ``nobody`` user, with no network if the machine allows it) or ``"none"``
    (runs as you; only the in-Python guard and the time limits apply).
    """

    kind: str
    description: str
    drop_to_nobody: bool = False
    unshare_net: bool = False

    @property
    def isolated(self) -> bool:
        return self.kind != "none"


def _probe(argv: list[str], drop: bool) -> bool:
    try:
        result = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20,
            preexec_fn=_dropper(drop, {}) if os.name == "posix" else None,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def find_sandbox(prefer: str = "auto") -> Sandbox:
    """Find the best way this machine offers to isolate a submission.

    Parameters
    ----------
    prefer : {"auto", "bubblewrap", "user", "none"}
        ``"auto"`` tries bubblewrap, then (as root) the ``nobody`` user, then
        gives up with a description saying so.

    Returns
    -------
    Sandbox

    Raises
    ------
    GradingError
        If the sandbox asked for cannot be used here.
    """
    root = os.name == "posix" and os.geteuid() == 0
    if prefer in ("auto", "bubblewrap"):
        bwrap = shutil.which("bwrap")
        if bwrap:
            probe = [bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/", "/", "--proc",
                     "/proc", "--dev", "/dev", "true"]
            if _probe(probe, False):
                return Sandbox(
                    "bubblewrap",
                    "bubblewrap: each submission sees only Python, the helpers and the corpus (read-only) and "
                    "its own folder (writable); no network, a private /tmp, its own processes, no privileges",
                )
            reason = "bubblewrap (bwrap) is installed but cannot create a sandbox here (user namespaces are off)"
        else:
            reason = "bubblewrap (bwrap) is not installed (on Debian/Ubuntu: sudo apt-get install bubblewrap)"
        if prefer == "bubblewrap":
            raise GradingError(f"No bubblewrap sandbox: {reason}.")
    else:
        reason = f"sandbox {prefer!r} asked for"
    if prefer in ("auto", "user") and root:
        runs = _probe([sys.executable, "-c", "import otter, helpers"], True)
        if runs:
            unshare = shutil.which("unshare")
            net = bool(unshare) and _probe([unshare, "-rn", "true"], True)
            return Sandbox(
                "user",
                "a throwaway user: submissions run as the unprivileged user nobody, so they cannot change your files"
                + (" and have no network" if net else "; the network is NOT blocked")
                + f" ({reason})",
                drop_to_nobody=True,
                unshare_net=net,
            )
        if prefer == "user":
            raise GradingError(
                f"The user nobody cannot run {sys.executable} with otter and the helpers "
                "(is Python installed under /root?); install bubblewrap instead."
            )
        reason += f"; the user nobody cannot run {sys.executable}"
    if prefer == "user" and not root:
        raise GradingError("The 'user' sandbox needs grading to be started as root (it switches to the user nobody).")
    return Sandbox(
        "none",
        f"NO SANDBOX: {reason}. Submissions will run as you, with your permissions and your network; "
        "only the in-Python guard and the time limits protect you. Grade on a machine with bubblewrap, "
        "or inside a throwaway account or virtual machine",
    )


def _system_binds() -> list[str]:
    args: list[str] = []
    for top in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        path = Path(top)
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), top]
        elif path.is_dir():
            args += ["--ro-bind", top, top]
    for name in ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "fonts", "localtime", "hosts",
                 "nsswitch.conf", "passwd", "group", "mime.types", "ssl/certs"):
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


def sandbox_command(
    command: list[str],
    *,
    inside: str,
    readable: list[str],
    read_only: list[tuple[str, str]] = (),
    folders: list[str] = (),
    system: list[str] | None = None,
    bwrap: str = "bwrap",
    disk_bytes: int = DEFAULT_DISK_MB * 1024 * 1024,
) -> list[str]:
    """Build the bubblewrap command line that runs ``command`` in a sandbox.

    The only places the command can write are ``inside`` and a private
    ``/tmp``, both memory file systems that vanish with the run and that
    together hold at most ``disk_bytes`` (an eighth for ``/tmp``, the rest
    for ``inside``): a submission fills its quota, never the grader's disk.
    Nothing on the real file system is writable. Every process lives in a
    process namespace of its own, so all of them, detached ones included,
    are killed when the command ends (or when the grader stops it).

    Parameters
    ----------
    command : list of str
        What to run inside.
    inside : str
        The submission's writable folder inside the sandbox.
    readable : list of str
        Folders to show read-only at the same path (Python, the helpers, the corpus).
    read_only : list of (str, str)
        Files or folders of the real file system (outside) shown read-only
        at a place inside (the notebook, the bundle, the runner), usually in
        ``inside``.
    folders : list of str
        Empty folders to create inside (for example ``inside + "/home"``).
    system : list of str, optional
        Bind arguments for the system folders (default: ``/usr`` and friends
        and a few files of ``/etc``).
    bwrap : str
        The bubblewrap executable.
    disk_bytes : int
        What the run may write in all, ``/tmp`` included.

    Returns
    -------
    list of str

    Examples
    --------
    >>> argv = sandbox_command(["python", "run.py"], inside="/grading", readable=["/opt/venv"],
    ...                        read_only=[("/tmp/w1/bundle.zip", "/grading/bundle.zip")], system=[],
    ...                        disk_bytes=80_000_000)
    >>> argv[:4]
    ['bwrap', '--unshare-all', '--unshare-user', '--unshare-pid']
    >>> argv[argv.index("/grading") - 3: argv.index("/grading") + 1]
    ['--size', '70000000', '--tmpfs', '/grading']
    >>> "--bind" in argv  # nothing of the real file system is writable
    False
    >>> argv[-4:]
    ['--chdir', '/grading', 'python', 'run.py']
    """
    tmp_bytes = disk_bytes // 8
    argv = [
        bwrap, "--unshare-all", "--unshare-user", "--unshare-pid", "--uid", str(_NOBODY), "--gid", str(_NOBODY),
        "--die-with-parent", "--new-session", "--cap-drop", "ALL",
    ]
    argv += _system_binds() if system is None else list(system)
    # The private /tmp comes first, so that readable folders that live under
    # /tmp (a clone of the repository in a temporary folder, as in CI) are
    # mounted on top of it instead of being hidden by it.
    argv += ["--proc", "/proc", "--dev", "/dev", "--size", str(tmp_bytes), "--tmpfs", "/tmp"]
    for path in dict.fromkeys(readable):
        argv += ["--ro-bind", path, path]
    argv += ["--size", str(disk_bytes - tmp_bytes), "--tmpfs", inside]
    for folder in folders:
        argv += ["--dir", folder]
    for outside, target in read_only:
        argv += ["--ro-bind", outside, target]
    argv += ["--chdir", inside]
    return argv + list(command)


def _limits(memory_bytes: int, file_bytes: int, processes: int) -> dict:
    return {"memory": memory_bytes, "file": file_bytes, "processes": processes}


def _dropper(drop: bool, limits: dict):
    """A function run in the child before it starts: limits, then (as root) become nobody."""

    def before_exec():  # pragma: no cover - runs in the child process
        import resource

        os.setsid()
        if limits.get("memory"):
            resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
        if limits.get("file"):
            resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file"], limits["file"]))
        if drop:
            os.setgroups([])
            os.setgid(_NOBODY)
            os.setuid(_NOBODY)
        if limits.get("processes") and os.geteuid() != 0:
            resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))

    return before_exec


# ---------------------------------------------------------------------------
# What comes out of a run: never trusted
# ---------------------------------------------------------------------------


def read_regular_file(path: str | os.PathLike, limit: int) -> bytes:
    """Read a file that someone else could have tampered with: never through a link, never more than ``limit``.

    The file is opened without following a symbolic link (``O_NOFOLLOW``)
    and must turn out to be a regular file (not a pipe, a device or a
    folder) once open, so it cannot be swapped for something else between
    the check and the read.

    Parameters
    ----------
    path : str or Path
    limit : int
        Largest size accepted, in bytes.

    Returns
    -------
    bytes

    Raises
    ------
    OSError
        ``ELOOP`` for a symbolic link, ``EINVAL`` for anything that is not a
        regular file, ``EFBIG`` for a file larger than ``limit``.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "a.txt").write_text("hello")
    5
    >>> read_regular_file(folder / "a.txt", 100)
    b'hello'
    >>> (folder / "link.txt").symlink_to(folder / "a.txt")
    >>> read_regular_file(folder / "link.txt", 100)
    Traceback (most recent call last):
    ...
    OSError: [Errno 40] Too many levels of symbolic links: ...
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _strict_json(raw: bytes):
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("a key appears twice")
        return dict(pairs)

    def no_constants(name):
        raise ValueError(f"{name} is not a number")

    return json.loads(raw.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise ValueError(what)


def _is_number(value) -> bool:
    # exactly int or float: True is not a number here, and neither is a subclass
    return type(value) in (int, float) and math.isfinite(value) and value >= 0


def _is_text(value, limit: int) -> bool:
    return type(value) is str and len(value) <= limit


def parse_summary(raw: bytes) -> dict:
    """Read the summary a run sends out, accepting nothing but the expected plain data.

    The summary is JSON made inside the sandbox, so it is read like any
    other input from a student: at most :data:`MAX_SUMMARY_BYTES`, valid
    UTF-8, no repeated keys, no ``NaN``, exactly the expected fields with
    exactly the expected types (a ``bool`` is not a number), and strings of
    bounded length.

    Parameters
    ----------
    raw : bytes

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        Saying what is wrong with it.

    Examples
    --------
    >>> summary = parse_summary(b'{"answers": {"values": {"x": {"value": 1}}, "functions": {"f": {"missing": true}}}, '
    ...                         b'"cells": [], "catastrophic": null}')
    >>> summary["answers"]["values"]["x"]
    {'value': 1}
    >>> parse_summary(b'{"answers": {"values": {"x": {"value": 1}}, "functions": {"f": {"missing": 1}}}, '
    ...               b'"cells": [], "catastrophic": null}')
    Traceback (most recent call last):
    ...
    ValueError: function 'f' is malformed
    """
    _check(len(raw) <= MAX_SUMMARY_BYTES, f"more than {MAX_SUMMARY_BYTES} bytes")
    data = _strict_json(raw)
    _check(type(data) is dict and set(data) == {"answers", "cells", "catastrophic"}, "not a summary")
    _check(data["catastrophic"] is None or _is_text(data["catastrophic"], 1000), "catastrophic is not a short text")
    answers = data["answers"]
    if answers is not None:
        _check(type(answers) is dict and set(answers) == {"values", "functions"}, "answers is malformed")
        values, functions = answers["values"], answers["functions"]
        _check(type(values) is dict and len(values) <= 200, "values is not a table")
        for name, outcome in values.items():
            _check(_is_text(name, 100) and type(outcome) is dict and len(outcome) == 1, f"value {name[:40]!r} is malformed")
            _check(outcome.get("missing") is True or "value" in outcome, f"value {name[:40]!r} is malformed")
        _check(type(functions) is dict and len(functions) <= 200, "functions is not a table")
        for name, outcome in functions.items():
            where = f"function {name[:40]!r}"
            _check(_is_text(name, 100) and type(outcome) is dict and len(outcome) == 1, f"{where} is malformed")
            if "calls" in outcome:
                calls = outcome["calls"]
                _check(type(calls) is list and len(calls) <= 5000, f"{where}: calls is not a list")
                for call in calls:
                    _check(type(call) is list and len(call) == 2 and _is_text(call[0], MAX_SUMMARY_BYTES)
                           and type(call[1]) is dict and len(call[1]) == 1, f"{where}: a call is malformed")
                    (kind, body), = call[1].items()
                    _check(kind in ("returned", "raised", "timeout"), f"{where}: a call is malformed")
                    if kind == "raised":
                        _check(type(body) is dict and set(body) == {"type", "message"} and _is_text(body["type"], 100)
                               and _is_text(body["message"], 1000), f"{where}: an error is malformed")
                    if kind == "timeout":
                        _check(_is_number(body), f"{where}: a time limit is not a number")
            else:
                _check(outcome.get("missing") is True or _is_text(outcome.get("not_callable"), 100), f"{where} is malformed")
    cells = data["cells"]
    _check(type(cells) is list and len(cells) <= 1000, "cells is not a list")
    for cell in cells:
        _check(type(cell) is dict and set(cell) == {"cell", "first_line", "ename", "evalue"}, "a cell is malformed")
        _check(type(cell["cell"]) is int and cell["cell"] >= 1, "a cell number is not a number")
        _check(_is_text(cell["first_line"], 200) and _is_text(cell["ename"], 200) and _is_text(cell["evalue"], 1000),
               "a cell's texts are too long")
    return data


class _Capped:
    """The start and the end of a stream, at most ``limit`` bytes in all."""

    def __init__(self, limit: int):
        self.half = limit // 2
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def add(self, data: bytes) -> None:
        self.total += len(data)
        room = self.half - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data
            del self.tail[:-self.half]

    @property
    def complete(self) -> bool:
        return self.total == len(self.head) + len(self.tail)

    def bytes(self) -> bytes:
        return bytes(self.head) + (b"" if self.complete else b"\n[...]\n") + bytes(self.tail)


def _has_ended(process: subprocess.Popen) -> bool:
    """Whether the process has ended, without reaping it (its id stays reserved until :func:`_end_run`)."""
    if not hasattr(os, "waitid"):
        return process.poll() is not None
    try:
        return os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _collect(process: subprocess.Popen, streams: dict[str, int], limits: dict[str, int], deadline: float,
             grace: float = 2.0) -> tuple[dict[str, _Capped], bool]:
    """Read a run's pipes while it runs; stop at ``deadline`` (then it timed out) or soon after it ends.

    Returns the capped contents of each stream, and whether the run timed out.
    A process it left behind holding a pipe open cannot keep the grader waiting.
    """
    buffers = {name: _Capped(limits[name]) for name in streams}
    selector = selectors.DefaultSelector()
    for name, fd in streams.items():
        os.set_blocking(fd, False)
        selector.register(fd, selectors.EVENT_READ, name)
    ended_at = None
    timed_out = False
    try:
        while True:
            now = time.monotonic()
            if ended_at is None and _has_ended(process):
                ended_at = now
            if ended_at is not None and (not selector.get_map() or now > ended_at + grace):
                break
            if ended_at is None and now >= deadline:
                timed_out = True
                break
            if not selector.get_map():  # every pipe closed, the run still going
                time.sleep(min(0.2, max(deadline - now, 0)))
                continue
            wait = (ended_at + grace - now) if ended_at is not None else min(0.5, deadline - now)
            for key, _ in selector.select(timeout=max(wait, 0)):
                try:
                    chunk = os.read(key.fd, 1 << 16)
                except BlockingIOError:
                    continue
                if chunk:
                    buffers[key.data].add(chunk)
                else:
                    selector.unregister(key.fd)
    finally:
        selector.close()
    return buffers, timed_out


def _guard_reports(stderr: str) -> list[str]:
    found = []
    for line in stderr.splitlines():
        if line.startswith(_GUARD_PREFIX):
            try:
                data = json.loads(line[len(_GUARD_PREFIX):])
                text = f"blocked: {data['what']} ({data['detail']})"
            except (ValueError, KeyError, TypeError):
                text = "blocked: " + line[len(_GUARD_PREFIX):][:200]
            if text not in found:
                found.append(text)
    return found[:10]


def _library_roots() -> list[str]:
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if key in paths}
    import site

    roots.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
    roots.add(str(Path(__file__).resolve().parents[1]))  # the helpers package
    return sorted({os.path.realpath(r) for r in roots if r})


def _python_roots() -> list[str]:
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(sys.executable).resolve().parent.parent)}
    roots.add(str(Path(__file__).resolve().parents[2]))  # src/ (an editable install)
    roots.update(_library_roots())
    found = sorted({os.path.realpath(r) for r in roots if r and Path(r).exists()})
    # a folder inside another one is already visible
    return [r for r in found if not any(r != other and r.startswith(os.path.join(other, "")) for other in found)]


def _otter_dir() -> str:
    import importlib.util

    spec = importlib.util.find_spec("otter")
    if spec is None or not spec.origin:
        raise GradingError("otter-grader is not installed: run `pip install -r requirements.txt`.")
    return os.path.realpath(os.path.dirname(spec.origin))


def _descendants(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "-A", "-o", "pid=", "-o", "ppid="], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill_tree(process: subprocess.Popen) -> None:
    """Stop a run and everything it started (the kernel runs in a session of its own)."""
    victims = _descendants(process.pid)
    for pid in [process.pid] + victims:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except (OSError, PermissionError):
                pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _kill_marked(token: str) -> None:
    """Kill the processes whose environment carries this run's token (without a process namespace).

    A process that clears its environment escapes this; only bubblewrap's
    process namespace ends every process of a run for certain.
    """
    marker = f"HELPERS_GRADING_RUN={token}\0".encode()
    proc = Path("/proc")
    if not proc.is_dir():
        return
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def _chown_tree(folder: Path, uid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        try:
            os.chown(path, uid, uid, follow_symlinks=False)
        except OSError:
            pass


