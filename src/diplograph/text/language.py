"""Language of a document and of single lines, with py3langid (its model ships in the package).

Line-level checks are deliberately conservative: a line is called foreign only when it is long
enough to judge, has none of the main language's function words, the classifier is confident,
and the words themselves show it (letters the main language does not use, or several function
words of the other language). English lines full of foreign names stay.
"""
from __future__ import annotations

import re
import threading
from collections import Counter

# Function words: short, frequent, and nearly unique to their language. They decide the
# language of a document cheaply and tell a line in the main language from a foreign one.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in {
        "en": "the of and to in is was are were that with for on by from at as this which "
              "has have had its their it be been will would an or not but also between",
        "ru": "и в не на что с по для как от это к из о его был была были которые также "
              "при между то или но уже",
        "uk": "і в не на що з по для як від це до із про його був була були які також "
              "при між та або але вже",
        "de": "der die das und ist nicht mit von zu den dem des ein eine im auf für sich "
              "auch wurde werden als bei zwischen oder",
        "fr": "le la les et des du un une est dans pour pas que qui sur avec au aux par "
              "ont été cette entre ou mais",
        "es": "el la los las y de del en que es por con para una un se su al como entre "
              "fue han sus o pero",
        "it": "il lo la gli le e di del della che è per con una un non sono nel alla tra "
              "ha stato o ma",
        "pt": "o a os as e de do da em que é para com uma um não no na por entre foi "
              "são ou mas",
        "tr": "ve bir bu ile için da de olarak ne daha çok gibi ise olan arasında ancak "
              "kadar sonra her",
        "az": "və bir bu ilə üçün da də olaraq ki daha çox kimi isə olan arasında lakin "
              "qədər sonra hər",
    }.items()
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Letters each language writes with, beyond ASCII; for a Latin-script main language, a word
# with a letter outside its set is evidence of another language.
_EXTRA_LETTERS = {
    "en": "",
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "it": "àèéìíîòóùú",
    "pt": "áâãàçéêíóôõú",
    "tr": "çğıöşüî",
    "az": "çəğıöşü",
    "nl": "éëïöü",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "ro": "ăâîșşțţ",
    "hu": "áéíóöőúüű",
    "sv": "åäö",
    "da": "æøå",
    "no": "æøå",
}

_identifier = None
_lock = threading.Lock()


def _model():
    """The py3langid model with normalized probabilities, loaded once (about a second)."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _classify(text: str) -> tuple[str, float]:
    lang, prob = _model().classify(text)
    return lang, float(prob)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's main language (639-3 where the model has no 639-1 code),
    or None for text too short or too mixed to tell."""
    sample = text[:5000]
    words = Counter(w.casefold() for w in _WORD.findall(sample))
    total = sum(words.values())
    if sum(len(w) * n for w, n in words.items()) < 20:
        return None
    # Function words settle most documents without the model: one language clearly ahead.
    counts = sorted(((sum(words[w] for w in fw if w in words), lang)
                     for lang, fw in FUNCTION_WORDS.items()), reverse=True)
    (top, lang), (second, _) = counts[0], counts[1]
    if total >= 30 and top >= 0.15 * total and top >= 3 * second:
        return lang
    lang, prob = _classify(sample)
    return lang if prob >= 0.5 else None


def _main_alphabet_word(word: str, main: str) -> bool:
    """Whether every letter of `word` belongs to the main language's alphabet."""
    extra = _EXTRA_LETTERS.get(main)
    lowered = word.casefold()
    if extra is not None:
        return all(ch.isascii() or ch in extra for ch in lowered)
    script = _script_of_language(main)
    return script is None or all(_script(ch) in (script, "other") for ch in lowered)


def _script(ch: str) -> str:
    code = ord(ch)
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x590 <= code < 0x600:
        return "hebrew"
    if 0x600 <= code < 0x780:
        return "arabic"
    if 0x1E00 <= code < 0x1F00:
        return "latin"
    return "other"


_SCRIPT_OF = {"ru": "cyrillic", "uk": "cyrillic", "be": "cyrillic", "bg": "cyrillic",
              "sr": "cyrillic", "mk": "cyrillic", "kk": "cyrillic", "ky": "cyrillic",
              "mn": "cyrillic", "el": "greek", "he": "hebrew", "ar": "arabic", "fa": "arabic",
              "ur": "arabic"}


def _script_of_language(lang: str) -> str | None:
    return _SCRIPT_OF.get(lang)


def is_other_language(line: str, main: str | None) -> bool:
    """Whether `line` is clearly written in another language than `main`.

    True only if all hold: >= 3 words and >= 20 letters; fewer than two function words of
    `main`; the words show another language (some use letters `main` never writes, or two are
    function words of another language); py3langid names another language with probability
    >= 0.9, or >= 0.6 when most words use foreign letters; and then >= 30% of the words use
    foreign letters or two are function words of the language found. "Bizə yazın! Keçid et
    indi" in an English page is caught; "Ilham Aliyev met Recep Tayyip Erdoğan" is not.
    """
    if not main:
        return False
    words = _WORD.findall(line)
    if len(words) < 3 or sum(len(w) for w in words) < 20:
        return False
    lowered = [w.casefold() for w in words]
    main_words = FUNCTION_WORDS.get(main)
    if main_words is not None and sum(w in main_words for w in lowered) >= 2:
        return False
    foreign_letters = sum(not _main_alphabet_word(w, main) for w in words)
    if not foreign_letters and not any(
            sum(w in fw for w in lowered) >= 2
            for lang, fw in FUNCTION_WORDS.items() if lang != main):
        return False   # nothing in the words themselves says "foreign": do not ask the model
    lang, prob = _classify(line)
    if lang == main or prob < 0.6:
        return False
    if foreign_letters >= 0.6 * len(words):
        return True    # mostly letters the main language never uses (a Russian line in English)
    if prob < 0.9:
        return False
    if foreign_letters >= 0.3 * len(words):
        return True
    other_words = FUNCTION_WORDS.get(lang)
    return other_words is not None and sum(w in other_words for w in lowered) >= 2
