"""Check the hand annotations of the second held-out set against their texts.

Run: python tests/holdout2/verify.py   (prints one line per problem; exit 1 if any)

Checks, per NAME.txt / NAME.expected.json pair: the header (url, published,
publisher, blank line); that url, published and publisher agree between the two
files; that every quote text is an exact substring of the text after the header;
that dates are YYYY-MM-DD, YYYY-MM, YYYY or null; and that each speaker's
surname (or, for institutions and unnamed sources, a label word) appears in the
text in some script. Whether a date is settled by the text is a human check
(see each file's notes).
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HEADER_KEYS = ("url", "published", "publisher")

# Surname (Latin, as in the annotations) -> forms that may appear in the texts.
SURNAMES = {
    "Peskov": ["Peskov", "Песков", "بيسكوف"],
    "Assad": ["Assad", "Асад", "الأسد"],
    "Nebenzia": ["Nebenzia", "Небенз", "نيبينزيا"],
    "Guterres": ["Guterres"],
    "Kerry": ["Kerry", "كيري"],
    "Obama": ["Obama"],
    "Ivanov": ["Ivanov", "Иванов", "إيفانوف"],
    "Zakharova": ["Zakharova", "Захаров", "زاخاروفا"],
    "Churkin": ["Churkin", "Чуркин"],
    "Putin": ["Putin", "Путин", "بوتين"],
    "Qasra": ["Abu Qasra"],
    "Haley": ["Haley", "Хейли"],
    "Lavrov": ["Lavrov", "Лавров", "لافروف"],
    "al-Sharaa": ["Sharaa", "аш-Шараа", "الشرع"],
    "al-Shaibani": ["Shaibani", "الشيباني"],
    "Konovalov": ["Konovalov", "كونوفالوف"],
    "Brahimi": ["Brahimi", "الإبراهيمي"],
}
# Institutional or unnamed speakers: a word that must appear in the text.
LABELS = {
    "Kremlin": ["Kremlin", "Кремл", "الكرملين"],
    "Foreign Ministry": ["Foreign Ministry", "МИД", "الخارجية"],
    "unnamed": ["diplomat", "source", "дипломат", "مصدر"],
}


def read_pair(txt):
    raw = txt.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n\n")
    header = dict(line.split(": ", 1) for line in head.split("\n") if ": " in line)
    expected = json.loads(txt.with_name(txt.stem + ".expected.json").read_text(encoding="utf-8"))
    return header, sep, body, head, expected


def speaker_forms(speaker):
    for surname, forms in SURNAMES.items():
        if surname in speaker:
            return forms
    for label, words in LABELS.items():
        if label in speaker:
            return words
    return None


def check_header(name, header, sep, head, expected):
    problems = []
    if not sep or list(header) != list(HEADER_KEYS) or len(head.split("\n")) != 3:
        problems.append(f"{name}: header must be url/published/publisher then a blank line")
    published = header.get("published", "")
    if published != "unknown" and not re.match(r"^\d{4}-\d{2}-\d{2}$", published):
        problems.append(f"{name}: published {published!r} is not YYYY-MM-DD or unknown")
    for key in HEADER_KEYS:
        if expected.get(key) != header.get(key):
            problems.append(f"{name}: {key} differs between .txt and .expected.json")
    return problems


def check_quotes(name, body, expected):
    problems = []
    for i, quote in enumerate(expected["quotes"]):
        where = f"{name} quote {i}"
        if quote["text"] not in body:
            problems.append(f"{where}: text is not a substring of the article text")
        if quote["date"] is not None and not DATE.match(quote["date"]):
            problems.append(f"{where}: bad date {quote['date']!r}")
        forms = speaker_forms(quote["speaker"])
        if forms is None:
            problems.append(f"{where}: speaker {quote['speaker']!r} has no known forms")
        elif not any(form in body for form in forms):
            problems.append(f"{where}: speaker {quote['speaker']!r} not found in the text")
    for event in expected["events"]:
        if event["date"] is not None and not DATE.match(event["date"]):
            problems.append(f"{name}: bad event date {event['date']!r}")
    return problems


def main():
    problems, counts = [], {}
    for txt in sorted(HERE.glob("*/*.txt")):
        header, sep, body, head, expected = read_pair(txt)
        name = f"{txt.parent.name}/{txt.stem}"
        problems += check_header(name, header, sep, head, expected)
        problems += check_quotes(name, body, expected)
        lang = counts.setdefault(txt.parent.name, [0, 0])
        lang[0] += 1
        lang[1] += len(expected["quotes"])
    for lang, (files, quotes) in sorted(counts.items()):
        print(f"{lang}: {files} files, {quotes} quotes")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
