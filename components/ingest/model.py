"""The typed values that flow between the extraction stages (see ``pipeline.py``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from components.ingest.dates import DateExpr
from components.ingest.quotes import QSpan
from components.ingest.reader import Article
from components.textnorm import name_key, surname_key

MASK = "\u2591"   # quoted characters are replaced by this in the masked text


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    quotes: list[int] = field(default_factory=list)


@dataclass
class Document:
    """An article after the language, quotation, sentence and date stages."""

    article: Article
    lang: str
    text: str
    masked: str                      # quoted text replaced by MASK: attribution is read outside quotes
    spans: list[QSpan]
    sentences: list[Sentence]
    dates: list[DateExpr]
    ref: str | None                  # the date relative expressions resolve against (None: unknown)
    ref_reason: str
    people: list = field(default_factory=list)   # (position, Speaker) of people named outside quotations

    def sentence_of(self, pos: int) -> int:
        for k, s in enumerate(self.sentences):
            if s.start <= pos < s.end:
                return k
        if not self.sentences:
            return -1
        return min(range(len(self.sentences)), key=lambda k: abs(self.sentences[k].start - pos))


@dataclass
class Speaker:
    name: str
    kind: str                        # person | org | unnamed | pronoun | definite (a title: "the minister")
    role: str | None = None
    actor_id: str | None = None
    head: str | None = None          # pronoun or title head to resolve ("he", "spokesman", "president")
    country: str | None = None       # for titles with a nationality ("the Russian president")

    def key(self) -> str:
        if self.actor_id:
            return "id:" + self.actor_id
        if self.kind == "person":
            return "p:" + surname_key(self.name)
        return "l:" + name_key(self.name)


@dataclass
class Cue:
    """A speech cue ("said", "заявил", "قال", "according to") with what the stages learnt about it."""

    start: int
    end: int
    word: str
    sent: int
    rule: str = ""                   # how its subject was found
    subject: Speaker | None = None
    inherit: bool = False            # continues the previous speaker ("adding", "добавив", "وأضاف")
    relayed: bool = False
    perfect: bool = False            # "has said": no fallback date
    no_date: str = ""                # why the text settles no date for this cue (an earlier remark, a broadcast)
    according: bool = False          # the speaker follows the cue ("according to X", "по словам X")
    date: DateExpr | None = None
    resolved: Speaker | None = None
    resolution: str = ""             # how ``resolved`` was reached from ``subject``


@dataclass
class Attribution:
    """One quotation with the cue it was attributed to."""

    quote: int                       # index into Document.spans
    sent: int
    cue: Cue | None
    how: str | None                  # after | before | later | according | next | continued | reopened
    speaker: Speaker | None
    relayed: bool
    said_on: str | None = None
    precision: str | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass
class Statement:
    text: str
    speaker: str | None
    speaker_id: str | None
    speaker_role: str | None
    said_on: str | None
    said_on_precision: str | None
    confidence: float
    start: int
    end: int
    topics: list[str]
    relayed: bool
    language: str
    reasons: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Extraction:
    source: dict
    language: str
    statements: list[Statement]
    events: list[dict]
    actors: list[dict]
    message: str | None

    def to_dict(self) -> dict:
        return {"source": self.source, "language": self.language,
                "statements": [s.to_dict() for s in self.statements], "events": self.events,
                "actors": self.actors, "message": self.message}
