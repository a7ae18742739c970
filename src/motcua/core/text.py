"""Vietnamese text: NFC normalisation, diacritic-free folding for search, and collation keys."""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})

# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: idx for idx, ch in enumerate(_ALPHABET)}
# Tone marks in the conventional order: none, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_VOWEL_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _printable(text: str) -> str:
    # NUL and other control/format/surrogate code points break PostgreSQL and mean nothing here.
    return "".join(
        ch for ch in text if ch in "\n\t" or not unicodedata.category(ch).startswith("C")
    )


def nfc(text: str | None) -> str:
    """Normalise to NFC, drop control characters and trim: the form every stored text takes."""
    return unicodedata.normalize("NFC", _printable(text or "")).strip()


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics and đ→d: `Cấp GIẤY phép` → `cap giay phep`."""
    decomposed = unicodedata.normalize("NFD", _printable(text or "").translate(_D).lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def search_terms(query: str | None, *, limit: int = 8) -> list[str]:
    """Folded words of a search query, at most `limit` of them, each at most 40 characters."""
    words = [w for w in fold(query).split() if w]
    return [w[:40] for w in words[:limit]]


def vi_sort_key(text: str | None) -> str:
    """A plain-ASCII key that sorts Vietnamese names as a Vietnamese reader expects.

    Letters are compared by the Vietnamese alphabet first; tones only break ties.
    """
    primary: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFC", (text or "").lower()):
        parts = unicodedata.normalize("NFD", char)
        base, marks = parts[0], parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _VOWEL_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        if letter in _RANK:
            primary.append(chr(ord("A") + _RANK[letter]))
        elif letter.isdigit():
            primary.append("0" + letter)
        elif letter.isspace():
            primary.append(" ")
        else:
            primary.append(letter if letter.isascii() else "~")
        tones.append(str(tone))
    return ("".join(primary) + "|" + "".join(tones))[:250]


def person_name(user) -> str:
    """A person's name in Vietnamese order, family name first: `Nguyễn Văn An`.

    Django's `get_full_name()` puts the given name first, which reads wrong in Vietnamese.
    """
    if user is None:
        return ""
    name = f"{user.last_name} {user.first_name}".strip()
    return name or user.get_username()


def person_sort_key(user) -> tuple[str, str, str]:
    """Sorts people as a Vietnamese list does: by given name (the last word), then family and
    middle names (`Nguyễn Văn An` before `Lê Thị Bình`), the user name last."""
    words = person_name(user).split()
    given = words[-1] if words else ""
    return (vi_sort_key(given), vi_sort_key(" ".join(words[:-1])), user.get_username())
