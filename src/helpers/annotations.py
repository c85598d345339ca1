"""Save a student's own annotations so nothing is lost on a kernel restart.

An :class:`AnnotationStore` is a JSON file of records (one per tag a
student placed). Every change is written at once, atomically: the new
content goes to a temporary file that then replaces the old one, so a crash
mid-write never leaves a half-written file. A file that cannot be read is
never overwritten: it is set aside under a new name and a message says so.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

__all__ = ["AnnotationStore", "default_annotation_dir"]


def default_annotation_dir() -> Path:
    """Where annotations are kept: ``ANNOTATION_DIR`` if set, else ``./annotations``.

    Examples
    --------
    >>> default_annotation_dir().name
    'annotations'
    """
    return Path(os.environ.get("ANNOTATION_DIR", "annotations")).expanduser()


class AnnotationStore:
    """A list of annotation records kept in a JSON file.

    Parameters
    ----------
    path : str or Path
        The JSON file (created on the first save, with its folder).

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "notes.json")
    >>> store = AnnotationStore(path)
    >>> store.add({"file": "a.txt", "start": 0, "end": 4, "tag": "claim"})
    {'file': 'a.txt', 'start': 0, 'end': 4, 'tag': 'claim', 'id': 1}
    >>> len(AnnotationStore(path))   # a new store on the same file sees it
    1
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.message = ""
        self.records: list[dict] = self._load()

    def _load(self) -> list[dict]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            records = data["records"] if isinstance(data, dict) else data
            if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
                raise ValueError("not a list of records")
            return records
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            kept = self.path.with_name(f"{self.path.stem}.unreadable-{int(time.time())}{self.path.suffix}")
            self.path.rename(kept)
            self.message = (
                f"{self.path.name} could not be read ({error}); it was kept as {kept.name} "
                "and a new, empty file will be started."
            )
            return []

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.records)

    def save(self) -> None:
        """Write all records to disk atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"records": self.records}, indent=1, ensure_ascii=False)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def add(self, record: dict) -> dict:
        """Add a record (it gets an ``id``) and save at once."""
        record = dict(record)
        record["id"] = max((r.get("id", 0) for r in self.records), default=0) + 1
        self.records.append(record)
        self.save()
        return record

    def remove(self, record_id: int) -> bool:
        """Remove the record with this id and save; False if there was none."""
        before = len(self.records)
        self.records = [r for r in self.records if r.get("id") != record_id]
        if len(self.records) != before:
            self.save()
            return True
        return False

    def where(self, **fields) -> list[dict]:
        """Records whose fields equal the given values."""
        return [r for r in self.records if all(r.get(k) == v for k, v in fields.items())]
