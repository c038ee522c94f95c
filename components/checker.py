"""Field checks for one record: each names the field it looks at and appends an Issue when it fails."""

from __future__ import annotations

import re

from components.schema import ID_RE, MAX_FIELD_CHARS, Issue, Record, parse_iso

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")  # control characters other than tab and newline
_CONTROL_SEARCH = _CONTROL_RE.search


class Checker:
    """Collects issues for one record; each check names the field it looks at."""

    def __init__(self, rec: Record, issues: list[Issue], allowed: set[str] | frozenset[str]):
        self.rec, self.issues = rec, issues
        if not allowed.issuperset(rec):  # one C-level pass in the usual case of no unknown field
            for key in rec:
                if key not in allowed:
                    self.err(str(key), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for key, value in rec.items():
            if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
                self.err(str(key), f"is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")

    def err(self, fld: str, reason: str) -> None:
        self.issues.append(Issue(self.rec.file, self.rec.line_of(fld), fld, reason))

    def text(self, fld: str, required: bool = True, max_len: int | None = None) -> str | None:
        value = self.rec.get(fld)
        if value.__class__ is str and value:  # the usual case, checked in as few steps as possible
            if len(value) > (max_len or MAX_FIELD_CHARS):
                return self._long_text(fld, value, max_len)
            if _CONTROL_SEARCH(value):
                self.err(fld, "contains control characters")
            return value
        if max_len and isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            return None  # already reported as over the general limit
        if value is None or value == "":
            if required:
                self.err(fld, "is required")
            return None
        if not isinstance(value, str):
            self.err(fld, f"must be text, not {type(value).__name__}")
            return None
        if _CONTROL_RE.search(value):
            self.err(fld, "contains control characters")
        if max_len and len(value) > max_len:
            self.err(fld, f"is {len(value)} characters; at most {max_len}")
        return value

    def _long_text(self, fld: str, value: str, max_len: int | None) -> str | None:
        """text() of a str longer than its limit: the same issues in the same order as the general path."""
        if max_len and len(value) > MAX_FIELD_CHARS:
            return None  # already reported as over the general limit
        if _CONTROL_SEARCH(value):
            self.err(fld, "contains control characters")
        if max_len and len(value) > max_len:
            self.err(fld, f"is {len(value)} characters; at most {max_len}")
        return value

    def ident(self, fld: str = "id") -> str | None:
        value = self.text(fld)
        if value is not None and not ID_RE.match(value):
            self.err(fld, f"'{value}' is not a slug (lowercase letters, digits and hyphens)")
            return None
        return value

    def choice(self, fld: str, options: tuple, required: bool = True) -> str | None:
        value = self.rec.get(fld)
        if value is None:
            if required:
                self.err(fld, f"is required (one of {', '.join(options)})")
            return None
        if value not in options:
            self.err(fld, f"'{value}' is not one of {', '.join(options)}")
            return None
        return value

    def integer(self, fld: str, lo: int, hi: int) -> int | None:
        value = self.rec.get(fld)
        if value is None:
            self.err(fld, f"is required (a whole number from {lo} to {hi})")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(fld, f"'{value}' must be a whole number from {lo} to {hi}")
            return None
        if not lo <= value <= hi:
            self.err(fld, f"{value} is outside {lo}..{hi}")
            return None
        return value

    def date(self, fld: str, required: bool = True) -> tuple[str, str] | None:
        value = self.rec.get(fld)
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            value = self.rec[fld] = str(value)  # an unquoted year reads as a number; it means the same
        if value is None:
            if required:
                self.err(fld, "is required (YYYY-MM-DD, YYYY-MM or YYYY)")
            return None
        parsed = parse_iso(str(value))
        if parsed is None:
            self.err(fld, f"'{value}' is not a real date (YYYY-MM-DD, YYYY-MM or YYYY)")
        return parsed

    def id_list(self, fld: str, known: set[str] | dict, what: str, min_items: int = 0) -> list[str]:
        value = self.rec.get(fld)
        if value is None:
            value = []
        if not isinstance(value, list):
            self.err(fld, "must be a list")
            return []
        if len(value) < min_items:
            self.err(fld, f"needs at least {min_items} {what}")
        out = []
        for item in value:
            if not isinstance(item, str):
                self.err(fld, f"each {what} must be an id (text), not {type(item).__name__}")
            elif item not in known:
                self.err(fld, f"unknown {what} '{item}'")
            else:
                out.append(item)
        return out

    def precision_matches(self, date_fld: str, prec_fld: str, parsed: tuple[str, str] | None,
                          options: tuple) -> str | None:
        prec = self.choice(prec_fld, options, required=parsed is not None)
        if parsed and prec:
            fmt = parsed[1]
            ok = fmt == prec or (prec == "week" and fmt == "day")
            if not ok:
                self.err(prec_fld, f"'{prec}' does not match the {date_fld} '{parsed[0]}' (written to {fmt} precision)")
        return prec
