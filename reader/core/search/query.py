"""The query language, parsed into literal strings and filters. Never raises.

* words separated by spaces must all occur (AND);
* ``"…"`` is one literal phrase, spaces included (an unclosed quote runs to the end);
* ``a OR b`` needs either; ``OR`` without an operand on both sides is a plain word;
* ``-word`` / ``-"…"`` excludes documents containing it (a lone ``-`` is a word);
* ``title:…``, ``tag:…`` and ``doc:ID`` filter (values may be quoted).

Everything is folded (:mod:`.fold`) so matching ignores case, width and
traditional/simplified differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.search.fold import fold

MAX_QUERY_CHARS = 2000


@dataclass(frozen=True)
class Literal:
    raw: str
    folded: str
    quoted: bool


@dataclass
class ParsedQuery:
    groups: list[list[Literal]] = field(default_factory=list)  # AND of ORs
    excludes: list[Literal] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)  # folded
    tags: list[str] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    within: frozenset[int] | None = None  # a scope from outside the query (a collection)

    @property
    def literals(self) -> list[Literal]:
        return [lit for group in self.groups for lit in group]

    @property
    def has_filters(self) -> bool:
        return bool(self.titles or self.tags or self.doc_ids)

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.excludes or self.has_filters)

    def single_unquoted(self) -> Literal | None:
        """The one bare term of a query like ``天津发展新质生产力`` (for the word fallback)."""
        if len(self.groups) == 1 and len(self.groups[0]) == 1 and not self.groups[0][0].quoted:
            return self.groups[0][0]
        return None


@dataclass(frozen=True)
class _Token:
    text: str
    quoted: bool
    negated: bool = False
    prefix: str = ""


_PREFIXES = ("title:", "tag:", "doc:")


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        if query[i].isspace():
            i += 1
            continue
        negated = query[i] == "-" and i + 1 < n and not query[i + 1].isspace()
        j = i + 1 if negated else i
        prefix = next((p for p in _PREFIXES if query.startswith(p, j)), "")
        if prefix and j + len(prefix) < n and not query[j + len(prefix)].isspace():
            j += len(prefix)
        else:
            prefix = ""
        if j < n and query[j] in "\"＂":
            close = next((k for k in range(j + 1, n) if query[k] in "\"＂"), n)
            tokens.append(_Token(query[j + 1 : close], True, negated, prefix))
            i = close + 1
            continue
        k = j
        while k < n and not query[k].isspace():
            k += 1
        tokens.append(_Token(query[j:k], False, negated, prefix))
        i = k
    return tokens


def parse_query(query: str) -> ParsedQuery:
    parsed = ParsedQuery()
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        parsed.notes.append(f"query cut to its first {MAX_QUERY_CHARS} characters")
    tokens = _tokens(query)
    pending_or = False
    for index, token in enumerate(tokens):
        is_or = token.text == "OR" and not (token.quoted or token.negated or token.prefix)
        if is_or and parsed.groups and index + 1 < len(tokens) and not pending_or:
            nxt = tokens[index + 1]
            if not (nxt.negated or nxt.prefix or (nxt.text == "OR" and not nxt.quoted)):
                pending_or = True
                continue
        if token.prefix:
            _add_filter(parsed, token)
            continue
        if not token.text or (token.quoted and not token.text.strip()):
            continue
        lit = Literal(token.text, fold(token.text), token.quoted)
        if token.negated:
            parsed.excludes.append(lit)
        elif pending_or:
            parsed.groups[-1].append(lit)
        else:
            parsed.groups.append([lit])
        pending_or = False
    return parsed


def _add_filter(parsed: ParsedQuery, token: _Token) -> None:
    value = token.text.strip()
    if token.negated:
        parsed.notes.append(f"-{token.prefix} is not supported; ignored")
    elif not value:
        parsed.notes.append(f"{token.prefix} needs a value; ignored")
    elif token.prefix == "title:":
        parsed.titles.append(fold(value))
    elif token.prefix == "tag:":
        parsed.tags.append(value)
    elif value.isdecimal():  # not isdigit: int() refuses "²"
        parsed.doc_ids.append(int(value))
    else:
        parsed.notes.append(f"doc: needs a document number, not {value!r}")
        parsed.doc_ids.append(-1)  # matches nothing, as the user restricted to a bad id
