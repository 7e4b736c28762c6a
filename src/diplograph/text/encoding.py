"""Bytes to text: detect the encoding of an input and decode it, or say clearly why not.

The decoded string is the document's `original`: every evidence offset points into it, so
decoding never normalizes anything (no newline translation, no Unicode normalization). A byte
order mark is not part of the text and is dropped by the codec itself.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes
from charset_normalizer.cd import coherence_ratio
from charset_normalizer.md import mess_ratio
from charset_normalizer.utils import is_multi_byte_encoding


class InputError(Exception):
    """An input that cannot be read. The message is the human reason, e.g. "empty file"."""


# Checked longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that never occur in real text (tab, newlines, form feed are allowed).
_BAD_CONTROLS = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v\x1b") | {"\x7f"}


def decode_bytes(data: bytes) -> str:
    """Decode an input file's bytes to text.

    UTF-8 (with or without BOM) and UTF-16/32 with BOM are decoded directly; anything else
    goes to charset-normalizer (Windows-1251/1252, ISO-8859-x, ...). Raises InputError with
    the reason: "empty file", "binary file (NUL bytes)", "undecodable bytes ...".
    """
    if not data:
        raise InputError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes: starts with a {codec} byte order mark "
                                 f"but byte {exc.start} is invalid") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"binary file (NUL bytes, the first at offset {data.find(0)})")
        return text
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        if _control_ratio(text) > 0.01:
            raise InputError("binary file (control characters)")
        return text
    best = _best_match(data)
    if best is None:
        raise InputError(f"undecodable bytes: not UTF-8 (byte 0x{data[first_bad]:02x} at "
                         f"offset {first_bad}) and no other text encoding fits")
    encoding, text = best
    if _control_ratio(text) > 0.01:
        raise InputError(f"undecodable bytes: not UTF-8 (byte 0x{data[first_bad]:02x} at "
                         f"offset {first_bad}); as {encoding} it holds control characters "
                         "(binary file?)")
    return text


# Common legacy encodings, commonest first. charset-normalizer alone misreads short texts
# (cp1252 quotes as cp852 box drawing), so these are always scored too, and among equally
# plausible readings the commoner encoding wins (cp1250 and cp1252 agree on é but not on à).
_PREFERRED = ("cp1252", "cp1251", "koi8_r", "cp1250", "cp1254", "cp1253", "cp1256",
              "cp1255", "cp1257", "iso8859_15")
_SAMPLE = 64 * 1024


def _best_match(data: bytes) -> tuple[str, str] | None:
    """(encoding, decoded text) of the most plausible reading, or None.

    Readings with words that mix scripts lose first; then charset-normalizer's mess ratio
    decides; near-ties go to the reading the language model recognizes most confidently
    (cp1254 over cp1252 for Turkish), then to the commoner encoding.
    charset-normalizer's own pick (say Shift-JIS) is used only when no common single-byte
    encoding reads cleanly, since on short Latin texts it prefers exotic code pages."""
    sample = data[:_SAMPLE]
    scored = _score(data, sample, _PREFERRED)
    detected = from_bytes(sample).best()
    if detected is not None and detected.encoding and detected.encoding not in _PREFERRED and (
            is_multi_byte_encoding(detected.encoding) or min(s[1] for s in scored) > 0.1):
            scored += _score(data, sample, (detected.encoding,), rank_base=len(_PREFERRED))
    if not scored:
        return None
    # Words that mix scripts ("ضsterreich") or hold symbols ("spotka³") are mojibake.
    cleanest = min(s[0] for s in scored)
    scored = [s for s in scored if s[0] <= cleanest + 0.01]
    least = min(s[1] for s in scored)
    tied = [s for s in scored if s[1] <= least + 0.05]
    if len({s[2] for s in tied}) > 1:
        # readings that differ in letters only: the one that fits a language best
        tied.sort(key=lambda s: (_rare_letters(s[2]), -_language_fit(s[2]), s[3]))
    else:
        tied.sort(key=lambda s: s[3])
    ordered = tied + sorted(scored, key=lambda s: (s[1], s[3]))
    for *_, encoding in ordered:
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _language_fit(text: str) -> float:
    """charset-normalizer's coherence: how well the letter frequencies fit its best language."""
    languages = coherence_ratio(text[:4000])
    return round(languages[0][1], 2) if languages else 0.0


def _score(data: bytes, sample: bytes, encodings, rank_base: int = 0):
    scored = []
    for rank, encoding in enumerate(encodings, rank_base):
        try:
            # the sample's last bytes may cut a multibyte character: ignore only there
            text = sample.decode(encoding, errors="strict" if len(data) <= _SAMPLE else "ignore")
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_mojibake_ratio(text), mess_ratio(text, 1.0), text, rank, encoding))
    return scored


_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Symbols that are fine next to letters (quotes, dashes, currency, degrees).
_LEGIT_SYMBOLS = frozenset("’‘“”„«»‹›–—‐‑…·•€£¥°©®™№§¶†‡′″¿¡\xa0")
# Letters that misreadings produce and real text rarely has ("déjŕ", "Èeská", "Dýþiþleri").
_RARE_LETTERS = frozenset("ŕĺŔĹÈÌÒÙÃÕÐÞðþŸ")
_EAST_ASIAN = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC")


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
    return "EAST_ASIAN" if name.startswith(_EAST_ASIAN) else name


def _mojibake_ratio(text: str) -> float:
    """Share of the non-ASCII words that mix scripts ("Цsterreich") or hold a symbol where a
    letter should be ("spotka³")."""
    words = _NON_ASCII_WORD.findall(text)
    symbols = 0
    for m in _NON_ASCII.finditer(text):
        ch = m.group()
        if ch in _LEGIT_SYMBOLS or unicodedata.category(ch)[0] in "LMPZ":
            continue
        i = m.start()
        if (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha()):
            symbols += 1
    if not words and not symbols:
        return 0.0
    mixed = 0
    for word in words:
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        mixed += len(scripts) > 1
    return round((mixed + symbols) / max(1, len(words)), 2)


def _rare_letters(text: str) -> int:
    return sum(text.count(ch) for ch in _RARE_LETTERS)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 without a BOM has a NUL in every other byte; anything else with
    NULs is binary."""
    if len(data) % 2 or len(data) < 4:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    half = len(data) // 2
    if odd_nuls > 0.1 * half and even_nuls == 0:
        codec = "utf-16-le"
    elif even_nuls > 0.1 * half and odd_nuls == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _control_ratio(text) > 0.01 else text


def _control_ratio(text: str) -> float:
    sample = text[:100_000]
    if not sample:
        return 0.0
    return sum(ch in _BAD_CONTROLS for ch in sample) / len(sample)
