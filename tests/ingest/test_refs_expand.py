"""expand_inputs: files, folders, globs, URLs, stdin, and inputs that cannot be read."""

from __future__ import annotations

from pathlib import Path

from recoupe.ingest import IngestOptions, expand_inputs, iter_documents
from recoupe.model import IngestError
from recoupe.settings import IngestSettings


def _tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("Un texte assez long pour être un article.", "utf-8")
    (tmp_path / "a.txt.meta.json").write_text('{"outlet": "Le Phare"}', "utf-8")
    (tmp_path / "b" / "c.html").write_text("<html><body><p>x</p></body></html>", "utf-8")
    (tmp_path / "b" / "d.jsonl").write_text('{"text": "x"}\n', "utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "hidden.txt").write_text("caché", "utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


def test_refs_folder_is_recursive_sorted_and_skips_sidecars(tmp_path: Path) -> None:
    refs = expand_inputs([str(_tree(tmp_path))])
    assert [(Path(r.path).relative_to(tmp_path).as_posix(), r.format) for r in refs] == [
        ("a.txt", "text"),
        ("b/c.html", "html"),
        ("b/d.jsonl", "jsonl"),
    ]
    assert all(r.problem is None for r in refs)


def test_refs_glob_url_and_stdin_keep_their_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    refs = expand_inputs([str(tmp_path / "**" / "*.html"), "https://www.courrier-plateau.fr/rss", "-"])
    assert refs[0].path == str(tmp_path / "b" / "c.html")
    assert (refs[1].url, refs[1].format) == ("https://www.courrier-plateau.fr/rss", "feed")
    assert refs[2].is_stdin and refs[2].format == "auto"


def test_refs_unreadable_inputs_become_one_error_each(tmp_path: Path) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    only_images = tmp_path / "images"
    only_images.mkdir()
    (only_images / "une.png").write_bytes(b"\x89PNG")
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    inputs = [str(tmp_path / "absent.txt"), str(empty), str(only_images), str(pdf), str(tmp_path / "*.xyz")]
    items = list(iter_documents(inputs, IngestOptions(), IngestSettings()))
    assert all(isinstance(i, IngestError) for i in items)
    assert [(i.source, i.reason) for i in items] == [
        (str(tmp_path / "absent.txt"), "no such file or folder"),
        (str(empty), "folder has no readable files (it is empty)"),
        (str(only_images), "folder has no readable files (1 file(s) of unknown or unsupported type)"),
        (str(pdf), "unsupported file type '.pdf': recoupe reads text, HTML, JSONL/JSON, CSV, WARC and RSS/Atom"),
        (str(tmp_path / "*.xyz"), "no file matches this pattern"),
    ]


def test_refs_batch_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "bon.txt"
    good.write_text("La mairie annonce la réouverture du marché couvert samedi.", "utf-8")
    items = list(iter_documents([str(tmp_path / "absent.txt"), str(good)], IngestOptions(), IngestSettings()))
    assert isinstance(items[0], IngestError)
    assert items[1].content == good.read_text("utf-8")
