"""Matching what a person typed to the dictionary: any case, brand or generic, strengths and
forms left out, salts dropped, combinations split, and misspellings up to one edit (one letter
added, removed or changed, as VOCABULARY.md defines it: two neighbouring letters swapped are
two changes, so "nuerontin" is unknown).

A name one edit from two different medicines is not matched: never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from nightcramp.core.meds.names import Dictionary, DrugEntry, Everyday, combine, compact

__all__ = ["find_everyday", "list_parts", "lookup", "strength_mg"]

# Names of 5 letters or more match one edit away; 4 letters typed match a 5-letter name with
# one letter left out ("Zocr"), never another 4-letter name (and not when one is one edit
# away too: "Lasx" may be Lasix or Gas-X): shorter names are too
# alike to guess between.
_FUZZY_MIN = 5
_UNIT = r"(mg|mcg|µg|ug|micrograms?|milligrams?|g|ml|l|%|iu|units?|puffs?|doses?|mmol|m2)"
# A word that is a strength, a concentration or a dosing pattern, never part of a name: "40mg",
# "2.5", "10/40", "20mg/5ml", "mg/ml", "0.4ml", "100/6", "1x", "1-0-0" (not "5-fu", not "b12").
_STRENGTH = re.compile(
    rf"^(\d+([.,]\d+)?{_UNIT}?|{_UNIT})([/x×-](\d+([.,]\d+)?)?{_UNIT}?)*$", re.IGNORECASE
)
# Abbreviations written with full stops ("b.i.d.", "q.h.s."): read without them.
_DOTTED = re.compile(r"^(?:[a-z]\.){1,4}[a-z]?\.?$")
# Words that say how often or how many are taken: with any of them, a written strength is not
# the day's dose ("20 mg twice a day" is 40 mg a day), so no dose is read at all. They are
# never part of a medicine's name either, so the name look-up leaves them out too.
_HOW_OFTEN_TEXT = (
    "one two three four five twice thrice times x2 x3 2x 3x bd bid tds tid qds qid tablets"
    " tabs capsules caps puffs doses hourly"
)
_HOW_OFTEN = frozenset(_HOW_OFTEN_TEXT.split())
_FORM_WORDS_TEXT = (
    # forms, units and times of day ("20 milligrams at night", "5mg od"): never part of a
    # medicine's name
    "mg mcg µg ug ml g iu unit units tablet tab capsule cap inhaler inhalers inhalation"
    " injection injections oral solution suspension liquid syrup cream gel patch patches"
    " spray nasal drops eye pen mr sr xl la er cr xr dr ec cd hfa mdi dpi diskus ellipta"
    " respimat turbohaler accuhaler evohaler handihaler genuair easyhaler nexthaler"
    " spiromax breezhaler autohaler modified release prolonged slow extended once daily iv"
    " intravenous otc forte film coated gastro resistant effervescent chewable soluble"
    " dispersible orodispersible sachet sachets granules powder vial infusion concentrate"
    " prefilled syringe gastro-resistant film-coated modified-release prolonged-release"
    " slow-release extended-release microgram micrograms milligram milligrams mgs gram"
    " grams puff dose a day days night nightly morning evening at in the each every per"
    " od prn nocte mane weekly week weeks month months cycle cycles qd qam qpm qhs hs om on"
    " bedtime bed with food meals before after softgel softgels"
    " breakfast lunch dinner supper needed required as half quarter for pressurised"
    " pressurized metered inhalation aerosol"
    # devices and packs ("Lantus SoloStar", "Wixela Inhub", "Losec MUPS", "Adalat Retard")
    " inhub rapihaler solostar flexpen flextouch kwikpen modulite mups retard forspiro"
    " aerosphere pump 24hr 12hr ointment lotion pessary pessaries vaginal ear"
    # strengths written in words ("simvastatin forty mg")
    " five six seven eight nine ten twelve fifteen twenty thirty forty fifty sixty eighty"
    " hundred"
)
_FORM_WORDS = frozenset(_FORM_WORDS_TEXT.split()) | _HOW_OFTEN
_SALT_WORDS_TEXT = (
    "sodium potassium calcium magnesium hydrochloride hcl sulfate sulphate besilate"
    " besylate maleate mesilate mesylate tartrate succinate citrate carbonate acetate"
    " phosphate fumarate furoate propionate dipropionate bromide xinafoate monohydrate"
    " dihydrate trihydrate hemihydrate hyclate valerate medoxomil cilexetil axetil"
    " erbumine arginine tosylate bisulfate bisulphate hydrobromide lysine tromethamine"
    " trometamol hemifumarate dihydrochloride napadisilate hemicalcium etexilate oxalate"
    " tert-butylamine pamoate embonate sesquihydrate"
)
_SALT_WORDS = frozenset(_SALT_WORDS_TEXT.split())
# Generic makers whose name comes first, joined by a hyphen (Canada mostly: "Apo-Furosemide",
# "Teva-Rosuvastatin", "pms-Metformin", "Jamp-Vitamin D"). Tried only after the whole name.
_MAKER = re.compile(
    r"^(?:apo|teva|jamp|pms|sandoz|mylan|auro|mint|ratio|riva|sanis|mar|nat|taro|accel|ag"
    r"|novo|nu|dom|act|sdz)-(?=\w)"
)
# How a combination product is written ("amlodipine/atorvastatin", "X + Y", "X with Y").
_SPLIT = re.compile(r"\s*(?:/|\+|\bwith\b)\s*", re.IGNORECASE)
# How a list of separate medicines is written in one line ("lithium, ibuprofen", "X and Y"):
# each is its own medicine, never a combination product that may not exist.
_LIST = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)
# Words that mark a combination with a second medicine ("Telma-H", "Losartan HCT", "Cozaar
# Comp"): a name with one is matched exactly or not at all, never by spelling, which would
# drop the second medicine.
_COMBINATION_MARKS = frozenset({"h", "hct", "hctz", "comp", "plus", "d"})


_DOSE = re.compile(r"(?<![\d.,/])(\d+(?:[.,]\d+)?)\s*(mg|milligrams?)(?![a-z/])", re.IGNORECASE)
_ANY_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


_WORD = re.compile(r"[a-z0-9]+")


def strength_mg(text: str) -> float | None:
    """The day's dose in milligrams when `text` gives it plainly ("simvastatin 40 mg", "Zocor
    10mg", "20 mg at night"); None when there is none, when other numbers make it unclear
    ("10/40"), or when it says how often or how many ("20 mg twice a day", "10 mg two
    tablets"): then the day's dose is not known, and a rule with a dose limit counts it as
    above the limit (unknown never lowers urgency)."""
    doses = _DOSE.findall(text)
    if len(doses) != 1 or len(_ANY_NUMBER.findall(text)) != 1:
        return None
    words = _undotted(text.lower())
    if _HOW_OFTEN & set(_WORD.findall(" ".join(words))):
        return None
    return float(doses[0][0].replace(",", "."))


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _variants(text: str) -> list[str]:
    """Compact keys to try, most literal first: as typed, without strength/form, without salt,
    then without a maker's prefix ("Apo-Atorvastatin", "Teva-Rosuvastatin")."""
    plain = re.sub(r"[,()\[\]]", " ", text.casefold())
    keys = [compact(text), *_plain_keys(plain)]
    maker = _MAKER.match(plain.strip())
    if maker:
        keys += _plain_keys(plain.strip()[maker.end() :])
    return [key for key in dict.fromkeys(keys) if key]


def _undotted(text: str) -> list[str]:
    """The words of `text`, abbreviations written with full stops read without them."""
    return [w.replace(".", "") if _DOTTED.match(w) else w for w in text.split()]


def _unhyphened(words: list[str]) -> list[str]:
    """Words with a form written on by a hyphen ("Adizem-XL", "Zocor-40mg") split off it."""
    out: list[str] = []
    for word in words:
        head, dash, tail = word.rpartition("-")
        # A bare number stays: it may be part of the name ("B-12", "K-2", "Omega-3").
        strength = bool(_STRENGTH.match(tail)) and not tail.replace(".", "").isdigit()
        if dash and head and (tail in _FORM_WORDS or strength):
            out += [*_unhyphened([head]), tail]
        else:
            out.append(word)
    return out


def _plain_keys(text: str) -> list[str]:
    """The keys of `text` without strength, form and dosing words, then without salts."""
    words = _unhyphened(_undotted(text.replace(",", " ")))
    # A bare number may be part of the name ("Zantac 360 tablets"): tried with it first.
    numbered = [
        w
        for w in words
        if w not in _FORM_WORDS and not (_STRENGTH.match(w) and not w.replace(".", "").isdigit())
    ]
    plain = [w for w in words if w not in _FORM_WORDS and not _STRENGTH.match(w)]
    keys = [compact(" ".join(numbered)), compact(" ".join(plain))]
    if _SPLIT.search(text):
        # "calcium with vitamin D", "potassium + magnesium": two things, not a salt of one.
        return keys
    while len(plain) > 1 and plain[-1] in _SALT_WORDS:
        plain = plain[:-1]
        keys.append(compact(" ".join(plain)))
    while len(plain) > 1 and plain[0] in _SALT_WORDS:
        plain = plain[1:]
        keys.append(compact(" ".join(plain)))
    return keys


def _near(key: str, data: Dictionary, lengths: Iterable[int]) -> set[str]:
    """The generics of the names of `lengths` letters one edit from `key`."""
    return {
        data.names[candidate]
        for length in lengths
        for candidate in data.by_length.get(length, ())
        if _within_one_edit(key, candidate)
    }


def _fuzzy(key: str, data: Dictionary) -> set[str]:
    if len(key) < _FUZZY_MIN - 1:
        return set()
    around = (len(key) - 1, len(key), len(key) + 1) if len(key) >= _FUZZY_MIN else (_FUZZY_MIN,)
    return _near(key, data, (n for n in around if n >= _FUZZY_MIN))


def _match_one(text: str, data: Dictionary) -> str | None:
    """The generic one name stands for, or None (unknown or ambiguous).

    A brand with a generic in brackets is that medicine when both name the same one, or one
    of them is unknown; when they name two different medicines it is unknown (never guessed).
    """
    if "(" in text:
        outside = re.sub(r"\([^)]*\)?", " ", text).strip()
        inside = " ".join(re.findall(r"\(([^)]*)\)?", text)).strip()
        found = {g for g in (_match_one(outside, data) if outside else None,
                             _match_one(inside, data) if inside else None) if g}  # fmt: skip
        return found.pop() if len(found) == 1 else None
    keys = _variants(text)
    for key in keys:
        if key in data.names:
            return data.names[key]
        if key in data.everyday:
            return None  # an everyday word ("iron infusion") is never read as a medicine
    words = set(re.split(r"[\s\-]+", text.casefold()))
    if words & _COMBINATION_MARKS:
        return None
    generics: set[str] = set()
    for key in keys:
        generics |= _fuzzy(key, data)
    if len(generics) == 1 and _short_rivals(keys, data) - generics:
        return None  # Somac (pantoprazole) or Soma (carisoprodol)? Never guessed.
    return generics.pop() if len(generics) == 1 else None


def _short_rivals(keys: Sequence[str], data: Dictionary) -> set[str]:
    """The generics of names shorter than `_FUZZY_MIN` one edit from a key (a letter left out,
    or for a short key one changed): never a match of their own, but a reason to doubt a match
    the key found ("Somax": Soma or Somac; "Somc": Soma or Somac)."""
    found: set[str] = set()
    for key in keys:
        found |= _near(key, data, range(max(1, len(key) - 1), min(len(key) + 1, _FUZZY_MIN)))
    return found


def _combine(parts: Sequence[str], data: Dictionary) -> DrugEntry | None:
    generics: set[str] = set()
    for part in parts:
        generic = _match_one(part, data)
        if generic is None:
            return None
        generics.update(data.entries[generic].components)
    name = "/".join(sorted(generics))
    if name in data.entries:  # a listed combination, or one medicine named twice
        return data.entries[name]
    return combine(name, tuple(sorted(generics)), data.entries, data.classes)


# A numbered list written in one line ("1. carboplatin 2. ondansetron", "1) lithium 2) ...");
# a strength such as "2.5" has no space after its point, so it is never a number of a list.
_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,2}[.)](?=\s)")
_BULLETS = "-*•·–—"


def list_parts(name: str) -> list[str]:
    """The separate medicines a line names, one part when it is not a list: "lithium,
    ibuprofen", "X and Y", one per line, a numbered list ("1. X 2. Y"), bullets ("- X")."""
    parts: list[str] = []
    for line in name.splitlines():
        for item in _NUMBERED.split(line):
            for part in _LIST.split(" ".join(item.split())):
                text = part.strip().lstrip(_BULLETS).strip()
                if text:
                    parts.append(text)
    return parts


def lookup(name: str, data: Dictionary) -> DrugEntry | None:
    """The dictionary entry `name` stands for, or None when it is unknown or ambiguous."""
    text = " ".join(name.split())
    if not text:
        return None
    generic = _match_one(text, data)
    if generic is not None:
        return data.entries[generic]
    parts = [p for p in _SPLIT.split(text) if p.strip()]
    return _combine(parts, data) if len(parts) > 1 else None


_LEADING = frozenset({"my", "the", "a", "an", "some", "our", "his", "her"})


def find_everyday(name: str, data: Dictionary) -> Everyday | None:
    """The everyday word ("water tablet") `name` is, exactly or one edit away; else None.

    A leading "my", "the", "a" or "some" is not part of the word ("my water tablets").
    """
    words = name.split()
    while len(words) > 1 and words[0].lower() in _LEADING:
        words = words[1:]
    keys = _variants(" ".join(words))
    for key in keys:
        if key in data.everyday:
            return data.everyday[key]
    found = {
        data.everyday[word].id: data.everyday[word]
        for key in keys
        if len(key) >= _FUZZY_MIN
        for word in data.everyday
        if len(word) >= _FUZZY_MIN and _within_one_edit(key, word)
    }
    return next(iter(found.values())) if len(found) == 1 else None
