"""Grade a class's exercise notebooks with otter-grader, one sandboxed run per student.

The exercise sets in ``exercises/`` are written as otter-grader master
notebooks. ``make exercises`` turns each master into a student notebook and
a grading bundle (:func:`build_exercises`). This module then grades a folder
of submitted notebooks (:func:`grade_folder`): every notebook is copied into a
throwaway folder and run there (:mod:`.runner`), several at a time, each with
a time limit, inside a sandbox when one is available; the probes
(:mod:`.probe`) read its answers as plain data (:mod:`.plain`), and the
checks run on them outside the sandbox (:mod:`.checker`). The results go into ``grades.csv`` (one row per student) and one
feedback file per student.

Why a wrapper of our own: ``otter grade`` runs each submission in a Docker
container, which classrooms rarely have. ``otter run`` needs no Docker, but
it runs the student's code as the instructor, with the hidden tests next to
it, one notebook at a time. The wrapper adds what Docker would have given:

==========================  ==============================================
layer                       what it does
==========================  ==============================================
throwaway folder            each submission is graded in a fresh folder,
                            deleted afterwards; nothing is shared
sandbox (bubblewrap)        nothing of the real file system is writable:
                            the submission's folder and a private ``/tmp``
                            are memory file systems with one disk quota
                            for both; no network; other students' files,
                            the instructor's home and the tests of other
                            sets are not even visible; a process namespace
                            of its own, so every process, detached or not,
                            dies with the run
checks outside              the checks and the bundle never enter the
                            sandbox; it gets the notebook, the corpora and
                            a probe spec, and sends out the answers as
                            plain data, which the checks compare in a
                            process of the grader's (:mod:`.checker`)
untrusted results           what comes out (the answers, stdout, stderr)
                            comes through pipes, capped in size, and the
                            summary is accepted only as plain JSON of the
                            expected fields and types; files are read
                            only as regular files, never through a link
throwaway user              when grading as root, the sandbox runs as
                            ``nobody``, so root-only files stay unreadable
resource limits             memory, file size and process count
time limits                 per test case, per cell, per submission
in-Python guard             a courtesy, not a wall: flags obvious attempts
                            (reading the tests, shell commands, writes
                            outside the folder) and blocks them in the
                            notebook's own thread; nothing rests on it
review flags                code that reaches for the grader, the tests,
                            the network or the file system is listed
==========================  ==============================================

What none of this covers is written in ``exercises/README.md`` (section
"What the sandbox does and does not cover").

The package, one module per step, in the order grading goes:

=====================  ==================================================
module                 what it holds
=====================  ==================================================
:mod:`.assignment`     the assignment model: a set's questions and points,
                       read from its bundle
:mod:`.submissions`    finding submissions, naming students, inspecting
                       and auditing a notebook before it runs
:mod:`.sandbox`        the sandbox command line, limits, killing a run,
                       and reading what comes out of it without trusting it
:mod:`.grade`          grading one submission and a folder of them
:mod:`.results`        scores, ``grades.csv``, feedback and ``summary.md``
:mod:`.build`          ``make exercises``: masters into student notebooks
                       and bundles
:mod:`.guard`,         what runs inside the sandbox: the courtesy guard,
:mod:`.runner`,        the notebook runner, the probes and the plain-data
:mod:`.probe`,         encoding of answers
:mod:`.plain`
:mod:`.checker`        the trusted checker, outside the sandbox
:mod:`.sensitivity`    whether each hidden check tells right from wrong on
                       the second corpus (build time)
:mod:`.items`          the words hidden checks probe, picked from the
                       second corpus
=====================  ==================================================

The computing parts (reading bundles, inspecting and auditing notebooks,
building sandbox command lines, turning results into rows and feedback)
are pure functions; only :func:`grade_submission`, :func:`grade_folder`,
:func:`write_grades` and :func:`build_exercises` touch files or start
processes. Everything public is importable from ``helpers.grading``.
"""

from helpers.grading.assignment import (
    MANIFEST,
    PROBES,
    SECOND_CORPUS,
    Assignment,
    GradingError,
    Question,
    find_assignments,
    load_assignment,
    manifest_from_master,
)
from helpers.grading.build import build_exercises, fill_answers, solution_answers, standalone_bundle
from helpers.grading.grade import (
    DEFAULT_CELL_TIMEOUT,
    DEFAULT_TEST_TIMEOUT,
    DEFAULT_TIMEOUT,
    grade_folder,
    grade_submission,
    run_checks,
)
from helpers.grading.results import (
    POINTS_ROW,
    STATUSES,
    TAMPERED,
    GradeResult,
    class_summary,
    feedback_file_name,
    feedback_text,
    grades_rows,
    read_grades,
    results_from_checks,
    spreadsheet_safe,
    update_totals,
    write_grades,
)
from helpers.grading.sandbox import (
    DEFAULT_DISK_MB,
    GUARD_FILE,
    MAX_SUMMARY_BYTES,
    Sandbox,
    find_sandbox,
    parse_summary,
    read_regular_file,
    sandbox_command,
)
from helpers.grading.submissions import (
    MAX_NOTEBOOK_BYTES,
    Inspection,
    Submission,
    audit_code,
    find_submissions,
    inspect_notebook,
    student_id,
)

__all__ = [
    "TAMPERED",
    "POINTS_ROW",
    "run_checks",
    "SECOND_CORPUS",
    "PROBES",
    "MANIFEST",
    "DEFAULT_CELL_TIMEOUT",
    "DEFAULT_DISK_MB",
    "DEFAULT_TEST_TIMEOUT",
    "DEFAULT_TIMEOUT",
    "MAX_NOTEBOOK_BYTES",
    "MAX_SUMMARY_BYTES",
    "Assignment",
    "GradeResult",
    "GradingError",
    "Inspection",
    "Question",
    "Sandbox",
    "STATUSES",
    "Submission",
    "audit_code",
    "build_exercises",
    "standalone_bundle",
    "class_summary",
    "feedback_text",
    "find_assignments",
    "find_sandbox",
    "feedback_file_name",
    "fill_answers",
    "find_submissions",
    "GUARD_FILE",
    "grade_folder",
    "grade_submission",
    "grades_rows",
    "inspect_notebook",
    "load_assignment",
    "manifest_from_master",
    "parse_summary",
    "read_regular_file",
    "read_grades",
    "results_from_checks",
    "sandbox_command",
    "solution_answers",
    "spreadsheet_safe",
    "student_id",
    "update_totals",
    "write_grades",
]
