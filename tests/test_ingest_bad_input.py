"""Bad input gives one clear sentence naming the file (IngestError; exit 1 from the CLI)."""

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pytest  # noqa: E402

from components.ingest.cli import main  # noqa: E402
from components.ingest.extract import extract  # noqa: E402
from components.ingest.reader import IngestError, read_article  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def one_sentence(msg: str, path: Path) -> None:
    assert str(path) in msg
    assert msg.endswith(".") and "\n" not in msg
    body = msg.replace(str(path), "FILE")
    assert body.count(". ") == 0, msg


def error_for(path: Path) -> str:
    with pytest.raises(IngestError) as exc:
        read_article(path)
    msg = str(exc.value)
    one_sentence(msg, path)
    return msg


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "empty" in error_for(p)
    p.write_bytes(b"  \n\n ")
    assert "empty" in error_for(p)


def test_binary_file(tmp_path):
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in error_for(p)


def test_not_utf8_names_the_byte_offset(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("published: 2025-10-15\n\nLavrov said: “Ça va.”".encode("utf-8")[:30] + "Ça".encode("latin-1"))
    msg = error_for(p)
    assert "UTF-8" in msg and "byte offset 30" in msg


def test_larger_than_5_mb(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("Lavrov said “yes”. " * 300_000, encoding="utf-8")
    assert p.stat().st_size > 5 * 1024 * 1024
    assert "5 MB" in error_for(p)


def test_html_without_article_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<!doctype html><html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav>"
                 "<script>var a = 1;</script></body></html>", encoding="utf-8")
    assert "no article text" in error_for(p)


def test_missing_file(tmp_path):
    assert "does not exist" in error_for(tmp_path / "nope.txt")


def test_no_quotes_message(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("published: 2025-10-15\n\nRussia and Syria held talks in Moscow on Monday about the bases.\n",
                 encoding="utf-8")
    r = extract(read_article(p), [])
    assert r["statements"] == []
    assert r["message"] == f"No quotations found in {p}."
    assert r["events"] and r["events"][0]["date"] == "2025-10-13"


def test_html_article_is_read_with_metadata(tmp_path):
    p = tmp_path / "article.html"
    body = " ".join(["Moscow and Damascus held long talks on trade and on the future of the bases."] * 3)
    p.write_text(
        "<!doctype html><html><head><title>Lavrov on bases</title>"
        "<meta property='og:url' content='https://example.org/lavrov'>"
        "<meta property='article:published_time' content='2025-10-15'></head><body><article>"
        "<h1>Lavrov on bases</h1>"
        f"<p>Russian Foreign Minister Sergey Lavrov said on Monday that the bases would stay “as long as necessary”. {body}</p>"
        f"<p>{body}</p></article></body></html>", encoding="utf-8")
    art = read_article(p)
    assert art.published == "2025-10-15" and art.url == "https://example.org/lavrov"
    assert read_article(p, published="2025-10-16").published == "2025-10-16"
    s = extract(art, [])["statements"]
    assert [x["text"] for x in s] == ["as long as necessary"] and s[0]["said_on"] == "2025-10-13"


def test_markdown_is_stripped(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("---\npublished: 2025-10-15\n---\n# Talks\n\n**Lavrov** said the bases would stay "
                 "“as long as [necessary](https://x.org)”.\n", encoding="utf-8")
    art = read_article(p)
    assert "**" not in art.text and "](" not in art.text and art.published == "2025-10-15"
    assert [s["text"] for s in extract(art, [])["statements"]] == ["as long as necessary"]


def test_header_defaults_and_overrides(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("url: unknown\npublished: unknown\npublisher: Wire\n\nDAMASCUS: Talks went on.\n", encoding="utf-8")
    art = read_article(p)
    assert (art.url, art.published, art.publisher) == (None, None, "Wire")
    assert art.text == "DAMASCUS: Talks went on.\n"
    art = read_article(p, published="2025-10-15", publisher="Other", url="https://x.org/a")
    assert (art.url, art.published, art.publisher) == ("https://x.org/a", "2025-10-15", "Other")


def test_cli_extract_bad_input_exit_1(tmp_path, capsys):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert main(["extract", str(p)]) == 1
    err = capsys.readouterr().err.strip()
    one_sentence(err, p)


def test_cli_extract_json_and_table(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("published: 2025-10-15\n\n“We will stay,” Lavrov said on Monday.\n", encoding="utf-8")
    assert main(["extract", str(p), "--data-dir", str(tmp_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["statements"][0]["said_on"] == "2025-10-13"
    assert main(["extract", str(p), "--format", "table", "--published", "2025-10-16",
                 "--data-dir", str(tmp_path)]) == 0
    assert "We will stay" in capsys.readouterr().out
    assert sorted(x.name for x in tmp_path.iterdir()) == ["a.txt"]  # writes nothing


def test_cli_runs_standalone(tmp_path):
    p = tmp_path / "bin.txt"
    p.write_bytes(b"abc\x00def")
    proc = subprocess.run([sys.executable, "-m", "components.ingest.cli", "extract", str(p)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    one_sentence(proc.stderr.strip(), p)


def test_header_with_unknown_keys_is_still_a_header(tmp_path):
    p = tmp_path / "held.txt"
    p.write_text("url: https://x.org/a\npublisher: Wire\npublished: 2011-10-05\nretrieved: 2026-12-01\n\n"
                 "Body text.\n", encoding="utf-8")
    art = read_article(p)
    assert (art.url, art.published, art.text) == ("https://x.org/a", "2011-10-05", "Body text.\n")
