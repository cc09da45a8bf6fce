"""Name keys: how place names in text and in the gazetteer are made to meet.

Transliterated Arabic, Persian and Kurdish names reach English news in many
spellings. Two keys are derived from every name, at build time for the
gazetteer and at look-up time for queries, by the same functions:

``name_key``
    case, diacritics, apostrophes, ʿayn/hamza marks, hyphens and the Arabic
    article (al-, el-, as-, ash-, ad-, ...) folded away:
    "'Ayn al 'Arab" and "Ayn al-Arab" both give ``"ayn arab"``.
``loose_key``
    a further transliteration skeleton (doubled letters, a final ``h`` after
    a vowel, ``ou``/``oo`` -> ``u``, ``ee`` -> ``i``, ``w``/``v`` and ``q``/``k``
    merged...), for a second, lower-ranked match: "Ba'quba" meets "Baqubah".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["name_key", "loose_key", "ARABIC_ARTICLES"]

#: Transliterations of the Arabic definite article, with assimilated forms.
ARABIC_ARTICLES = frozenset(
    {"al", "el", "il", "ul", "as", "ash", "ad", "adh", "ar", "az", "an", "at", "ath", "ez", "es",
     "ed", "er", "en", "et", "eth", "esh", "ag", "ak", "ds"}
)

# Marks that stand for ʿayn, hamza or an elided vowel and carry no letter.
_MARKS = dict.fromkeys(map(ord, "'`´‘’‛ʹʻʼʽʾʿˀˈ′″ʹ\u02bf\u02be\u055a\u0313\u0314"), None)
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
                          "ð": "d", "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n"})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_ABBREVIATION = re.compile(r"\b((?:[a-z]\.){2,})")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Fold a place name to the key both gazetteer and queries are matched on.

    Parameters
    ----------
    name : str
        A place name in any spelling (Latin script; other scripts fold to
        an empty key).

    Returns
    -------
    str
        Lower-case ASCII words separated by single spaces; ``""`` when nothing
        of the name is left.

    Examples
    --------
    >>> name_key("'Ayn al 'Arab") == name_key("Ayn al-Arab") == "ayn arab"
    True
    >>> name_key("Al-Qāʾim")
    'qaim'
    >>> name_key("U.S.")
    'us'
    """
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_SPECIAL)
    # "U.S." and "U.A.E." are abbreviations, not words: join their letters.
    text = _ABBREVIATION.sub(lambda m: m.group(1).replace(".", ""), text)
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1:
        words = [w for w in words if w not in ARABIC_ARTICLES] or words
    return " ".join(words)


_LOOSE_RULES = [
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters: Raqqa / Raqa
    (re.compile(r"(?<=[aeiou])h\b"), ""),  # final h after a vowel: Baqubah / Baquba
    (re.compile(r"\be"), "i"),  # Esfahan / Isfahan, Erbil / Irbil
    (re.compile(r"(?<=[a-z][^aeiou])e\b"), "i"),  # Kobane / Kobani
    (re.compile(r"ou|oo|aw(?![aeiouy])"), "u"),  # Zour / Zur / Zawr
    (re.compile(r"ee|ie"), "i"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"dh|th"), "d"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"ck|q|c(?=[aou])"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y(?![aeiou])"), "i"),  # Dayr / Deir
    (re.compile(r"e"), "a"),
    (re.compile(r"o"), "u"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """Transliteration skeleton of a name, for lower-ranked fuzzy matches.

    Examples
    --------
    >>> loose_key("Ba'quba") == loose_key("Baqubah")
    True
    >>> loose_key("Deir ez-Zor") == loose_key("Dayr az Zawr")
    True
    """
    key = name_key(name)
    for pattern, repl in _LOOSE_RULES:
        key = pattern.sub(repl, key)
    return key
