import json

from helpers.annotations import AnnotationStore, default_annotation_dir


def test_records_survive_a_restart(tmp_path):
    path = tmp_path / "sub" / "notes.json"
    store = AnnotationStore(path)
    first = store.add({"file": "a.txt", "start": 1, "end": 5, "tag": "claim"})
    store.add({"file": "a.txt", "start": 9, "end": 12, "tag": "loaded"})
    reloaded = AnnotationStore(path)  # as after a kernel restart
    assert [r["tag"] for r in reloaded] == ["claim", "loaded"]
    assert reloaded.where(tag="loaded")[0]["start"] == 9
    assert reloaded.remove(first["id"]) is True
    assert reloaded.remove(999) is False
    assert len(AnnotationStore(path)) == 1


def test_ids_stay_unique_after_removal(tmp_path):
    store = AnnotationStore(tmp_path / "n.json")
    a = store.add({"x": 1})
    b = store.add({"x": 2})
    store.remove(a["id"])
    c = store.add({"x": 3})
    assert c["id"] != b["id"]


def test_unreadable_file_is_kept_aside_not_overwritten(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("{ this is not json", encoding="utf-8")
    store = AnnotationStore(path)
    assert len(store) == 0
    assert "could not be read" in store.message
    kept = [p for p in tmp_path.iterdir() if "unreadable" in p.name]
    assert len(kept) == 1 and kept[0].read_text() == "{ this is not json"
    store.add({"tag": "new"})
    assert json.loads(path.read_text())["records"][0]["tag"] == "new"


def test_no_temporary_files_are_left(tmp_path):
    store = AnnotationStore(tmp_path / "n.json")
    for i in range(5):
        store.add({"i": i})
    assert [p.name for p in tmp_path.iterdir()] == ["n.json"]


def test_annotation_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ANNOTATION_DIR", str(tmp_path))
    assert default_annotation_dir() == tmp_path
