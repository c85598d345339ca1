"""Grading guard: blocks and reports what a graded notebook must not do.

Copied as ``sitecustomize.py`` into the sandbox of each graded submission,
so that every Python process of the run (the runner and the notebook's
kernel) loads it at start-up, configured by ``HELPERS_GRADING_GUARD``.
Python audit hooks cannot be removed once added (PEP 578), but code in the
same process can still get round them (a worker thread, ``ctypes``): the
guard is a courtesy that blocks and reports obvious attempts. What grading
rests on is elsewhere: the sandbox, and checks that run outside it on
plain data (see :mod:`helpers.grading.checker`).
"""
import json as _json
import os as _os
import sys as _sys

_CONFIG = _os.environ.get("HELPERS_GRADING_GUARD")


def _install(cfg):
    import fnmatch
    import threading

    sep = _os.sep
    libraries = tuple(_os.path.join(p, "") for p in cfg["libraries"])
    grader = _os.path.join(cfg["grader"], "")
    guard_dir = _os.path.join(cfg["guard"], "")
    protected = tuple(cfg["protected"])
    writable = tuple(_os.path.join(p, "") for p in cfg["writable"]) + ("/dev/null",)
    # Folders shown read-only: never writable, even when they sit under /tmp
    # (a repository cloned into a temporary folder).
    read_only = tuple(_os.path.join(p, "") for p in cfg.get("read_only", []))
    reported = {}
    busy = threading.local()

    def report(what, detail):
        key = (what, detail)
        if key in reported or len(reported) > 40:
            return
        reported[key] = True
        try:
            _os.write(2, ("\n[grading-guard] " + _json.dumps({"what": what, "detail": detail[:200]}) + "\n").encode())
        except OSError:
            pass

    def kind(filename):
        if filename.startswith(grader):
            return "grader"
        if filename.startswith(libraries) or filename.startswith("<frozen"):
            return "library"
        return "student"

    def decider(frame):
        while frame is not None:
            k = kind(frame.f_code.co_filename)
            if k != "library":
                return k
            frame = frame.f_back
        return "library"

    def student_on_stack(frame):
        while frame is not None:
            if kind(frame.f_code.co_filename) == "student":
                return True
            frame = frame.f_back
        return False

    def importing(frame):
        while frame is not None:
            if frame.f_code.co_filename.startswith("<frozen importlib"):
                return True
            frame = frame.f_back
        return False

    def real(path):
        if isinstance(path, bytes):
            path = _os.fsdecode(path)
        if not isinstance(path, (str, _os.PathLike)):
            return None
        return _os.path.realpath(_os.path.join(_os.getcwd(), _os.fspath(path)))

    def is_protected(path):
        return path is not None and any(
            fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern + sep + "*")
            for pattern in protected
        )

    def outside(path):
        if path is None or path == "/dev/null":
            return False
        return (path + sep).startswith(read_only) or not (path + sep).startswith(writable)

    def deny(what, detail):
        report(what, detail)
        raise PermissionError(f"Blocked by the grader: {what} ({detail}).")

    write_flags = _os.O_WRONLY | _os.O_RDWR | _os.O_CREAT | _os.O_APPEND | _os.O_TRUNC
    changes = {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.truncate", "os.chmod", "os.chown",
               "os.utime", "os.symlink", "os.link", "shutil.rmtree", "shutil.move", "shutil.copyfile",
               "shutil.copytree", "os.replace"}
    listings = {"os.listdir", "os.scandir", "glob.glob", "os.chdir"}
    spawns = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
              "os.forkpty", "pty.spawn", "os.startfile"}
    internals = {"ctypes.dlopen", "ctypes.dlsym", "ctypes.cdata", "sys.settrace", "sys.setprofile",
                 "code.__new__", "gc.get_objects", "gc.get_referrers", "gc.get_referents",
                 "sys._current_frames", "function.__new__"}
    network = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.bind"}
    others = {"open", "compile", "object.__setattr__", "object.__delattr__", "os.kill", "os.killpg"}
    watched = frozenset(changes | listings | spawns | internals | network | others)

    def caller(frame):
        while frame is not None and frame.f_code.co_filename.startswith("<frozen"):
            frame = frame.f_back
        return kind(frame.f_code.co_filename) if frame is not None else "library"

    def hook(event, args):
        if event not in watched or getattr(busy, "on", False):
            return
        busy.on = True
        try:
            try:
                frame = _sys._getframe(1)
            except ValueError:  # called from C with no Python frame (interpreter start-up)
                frame = None
            if event == "open":
                path = real(args[0])
                mode, flags = args[1], args[2]
                writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(flags, int) and flags & write_flags)
                if is_protected(path) and decider(frame) == "student":
                    deny("reading or changing the grading tests", str(args[0]))
                if writing and outside(path) and student_on_stack(frame):
                    deny("writing outside the submission folder", str(path))
            elif event in changes or event in listings:
                paths = [real(a) for a in args[:2] if isinstance(a, (str, bytes, _os.PathLike))]
                if event == "glob.glob" and paths:
                    paths = [real(_os.path.dirname(_os.fspath(args[0])) or ".")]
                if any(is_protected(p) for p in paths) and decider(frame) == "student":
                    deny("reading or changing the grading tests", " ".join(str(p) for p in paths))
                if event in changes and any(outside(p) for p in paths) and student_on_stack(frame):
                    deny("changing files outside the submission folder", " ".join(str(p) for p in paths))
            elif event in spawns:
                if student_on_stack(frame):
                    deny("starting another program", f"{event} {str(args[:2])[:120]}")
            elif event in ("os.kill", "os.killpg"):
                if args and args[0] not in (_os.getpid(), 0) and student_on_stack(frame):
                    deny("sending signals to other processes", str(args[:2]))
            elif event in network:
                target = args[1] if event != "socket.getaddrinfo" else (args[0], args[1])
                host = target[0] if isinstance(target, tuple) and target else target
                if str(host) not in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "", "None") and student_on_stack(frame):
                    deny("network access", str(host))
            elif event == "compile":
                filename = args[1] if len(args) > 1 else ""
                if isinstance(filename, bytes):
                    filename = _os.fsdecode(filename)
                if isinstance(filename, str) and filename.startswith((grader, guard_dir)) \
                        and caller(frame) == "student":
                    deny("disguising code as the grader's", filename)
            elif event in ("object.__setattr__", "object.__delattr__"):
                target, name = args[0], str(args[1])
                if name == "__code__" and decider(frame) == "student":
                    deny("forging code", f"{getattr(target, '__name__', type(target).__name__)}.{name}")
            elif event in internals:
                if event.startswith("ctypes.") and importing(frame):
                    return  # a library loading its C parts while the notebook imports it
                if decider(frame) == "student":
                    deny("reaching into the Python interpreter", event)
        finally:
            busy.on = False

    _sys.addaudithook(hook)


if _CONFIG:
    try:
        _install(_json.loads(_CONFIG))
    except Exception as _error:  # never stop Python from starting
        _os.write(2, f"grading guard not installed: {_error!r}\n".encode())
