"""The committed English catalogue is complete, compiled and used by the pages.

Vietnamese msgids are the source; English is the second language. The checks read the
committed `.po` and `.mo` only, so a string added to the code after the last translation
pass does not fail the suite: it shows in Vietnamese until the next pass.
"""

import ast
import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# Names that stay Vietnamese in English text: the product, the currency, places, the UI's
# own language name and the Vietnamese abbreviation in decree numbers.
KEPT_NAMES = ("Một Cửa", "đồng", "Nam Từ Liêm", "Tiếng Việt", "NĐ-CP", "QĐ-TTg")
SAME_IN_BOTH = {"API", "English", "Một Cửa", "Tiếng Việt"}
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE
)
NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrgGeExXo]")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@dataclass
class Entry:
    line: int
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def parse_po(text: str) -> list[Entry]:
    """A small PO reader: comments, flags, msgctxt, msgid(_plural), msgstr[n], continued strings."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    pending_flags: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            current, target = None, None
            continue
        if line.startswith("#~"):
            continue  # obsolete entries are not compiled
        if line.startswith("#,"):
            pending_flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        if line.startswith("#"):
            continue
        keyword, _sep, rest = line.partition(" ")
        if line.startswith('"'):
            keyword, rest = None, line
        value = ast.literal_eval(rest) if rest.startswith('"') else ""
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.msgstr)):
            current = Entry(line=number, flags=pending_flags)
            entries.append(current)
            pending_flags = set()
        assert current is not None, f"line {number}: text outside an entry"
        if keyword is None:
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += value
            else:
                setattr(current, name, (getattr(current, name) or "") + value)
            continue
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current.msgstr[index] = value
            target = ("msgstr", index)
        elif keyword in ("msgid", "msgid_plural", "msgctxt"):
            setattr(current, keyword, value)
            target = (keyword, 0)
        else:
            raise AssertionError(f"line {number}: unknown keyword {keyword!r}")
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = parse_po(PO_PATH.read_text(encoding="utf-8"))
    assert parsed and parsed[0].msgid == "", "the catalogue must start with its header"
    return parsed


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    return [e for e in entries if e.msgid]


def _forms(entry: Entry) -> list[str]:
    return [entry.msgstr[i] for i in sorted(entry.msgstr)]


def test_the_parser_reads_plural_forms_and_continued_lines():
    parsed = parse_po(
        '#, fuzzy\nmsgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, python-format\nmsgid "%(n)s hồ sơ"\nmsgid_plural "%(n)s hồ sơ"\n'
        'msgstr[0] "%(n)s dossier"\nmsgstr[1] "%(n)s "\n"dossiers"\n\n'
        '#~ msgid "cũ"\n#~ msgstr "old"\n'
    )
    header, plural = parsed
    assert header.flags == {"fuzzy"} and header.msgstr[0] == "Language: en\n"
    assert plural.msgid_plural == "%(n)s hồ sơ" and plural.flags == {"python-format"}
    assert plural.msgstr == {0: "%(n)s dossier", 1: "%(n)s dossiers"}


def test_the_catalogue_is_english_with_two_plural_forms(entries):
    header = entries[0]
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "Content-Type: text/plain; charset=UTF-8\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header.msgstr[0]


def test_no_message_is_fuzzy(messages):
    fuzzy = [(e.line, e.msgid) for e in messages if "fuzzy" in e.flags]
    assert fuzzy == [], "gettext ignores fuzzy entries; review and clear them"


def test_every_message_has_its_translation_in_every_form(messages):
    assert len(messages) > 100
    empty = [(e.line, e.msgid) for e in messages if not all(s.strip() for s in _forms(e))]
    assert empty == []
    wrong_forms = [
        (e.line, e.msgid) for e in messages if e.msgid_plural is not None and len(e.msgstr) != 2
    ]
    assert wrong_forms == []


def test_translations_are_not_vietnamese_left_in_place(messages):
    copied = [
        (e.line, e.msgid)
        for e in messages
        if e.msgstr.get(0) == e.msgid and e.msgid not in SAME_IN_BOTH
    ]
    assert copied == []
    still_vietnamese = []
    for e in messages:
        for text in _forms(e):
            for name in KEPT_NAMES:
                text = text.replace(name, "")
            if VIETNAMESE_LETTERS.search(text):
                still_vietnamese.append((e.line, e.msgid))
    assert still_vietnamese == []


def test_translations_keep_the_placeholders_of_the_source(messages):
    broken = []
    for e in messages:
        if "python-format" not in e.flags:
            continue
        source_names = set(NAMED.findall(e.msgid)) | set(NAMED.findall(e.msgid_plural or ""))
        for index, text in sorted(e.msgstr.items()):
            names = set(NAMED.findall(text))
            # A singular may spell out "one" instead of %(n)s; it may never invent a name.
            ok = (
                names <= source_names
                if e.msgid_plural is not None and index == 0
                else names == source_names
            )
            source = e.msgid_plural if e.msgid_plural is not None and index else e.msgid
            if not ok or len(POSITIONAL.findall(text)) != len(POSITIONAL.findall(source)):
                broken.append((e.line, e.msgid, text))
    assert broken == []


def test_line_breaks_at_the_ends_match_the_source(messages):
    mismatched = [
        (e.line, e.msgid)
        for e in messages
        for text in _forms(e)
        if text.endswith("\n") != e.msgid.endswith("\n")
        or text.startswith("\n") != e.msgid.startswith("\n")
    ]
    assert mismatched == []


def test_the_compiled_catalogue_matches_the_po(messages):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = compiled._catalog
    stale = []
    for e in messages:
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            if catalog.get(key) != e.msgstr[0]:
                stale.append(e.msgid)
        elif [catalog.get((key, i)) for i in sorted(e.msgstr)] != _forms(e):
            stale.append(e.msgid)
    assert stale == [], "run `motcua compilemessages` and commit django.mo"
    header_entries = 1
    assert len(catalog) == header_entries + sum(len(e.msgstr) for e in messages)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_msgfmt_accepts_the_po_with_its_format_checks(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(PO_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Thủ tục hành chính", "Administrative procedures"),
        ("Bộ phận Một cửa", "One-stop unit"),
        ("Trung tâm Phục vụ hành chính công", "Public Administration Service Centre"),
        ("Toàn trình", "Full online"),
        ("Một phần", "Partial online"),
        ("Trước hạn", "Early"),
        ("Đúng hạn", "On time"),
        ("Trong hạn", "In time"),
        ("Phí", "Fee"),
        ("Lệ phí", "Charge"),
        ("Phản ánh, kiến nghị", "Citizen feedback"),
        ("Không tìm thấy đơn vị.", "Unit not found."),
    ],
)
def test_glossary_terms_read_in_english(vietnamese, english):
    with translation.override("en"):
        assert _(vietnamese) == english
    with translation.override("vi"):
        assert _(vietnamese) == vietnamese


def test_plural_messages_choose_the_english_form():
    with translation.override("en"):
        assert ngettext("%(n)s hồ sơ", "%(n)s hồ sơ", 1) % {"n": 1} == "1 dossier"
        assert ngettext("%(n)s hồ sơ", "%(n)s hồ sơ", 3) % {"n": 3} == "3 dossiers"


def test_lazy_model_labels_follow_the_active_language():
    from motcua.dossiers.models import Dossier

    with translation.override("en"):
        assert str(Dossier._meta.verbose_name) == "dossier"
    with translation.override("vi"):
        assert str(Dossier._meta.verbose_name) == "hồ sơ"


@pytest.mark.django_db
def test_the_header_switch_turns_the_catalogue_page_english(client):
    page = reverse("portal:catalogue")
    vietnamese = client.get(page).content.decode()
    assert "Tra cứu thủ tục hành chính" in vietnamese

    switched = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert switched.status_code == 302 and switched.url == page

    english = client.get(page).content.decode()
    assert '<html lang="en">' in english
    assert "Find an administrative procedure" in english
    assert "Skip to main content" in english
    assert "Tra cứu thủ tục hành chính" not in english
    assert "Bỏ qua, đến nội dung chính" not in english


@pytest.mark.django_db
def test_staff_sign_in_page_renders_in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("desk:login")).content.decode()
    assert "Sign-in for staff" in page
    assert "Đăng nhập dành cho cán bộ" not in page
