"""Composing one article's text fields, search keys included, from the desks' copy.

The search keys are never folded per article, which would cost more than the whole
load: every template fragment and slot value is folded once, and an article's key is
the join of its pieces' keys. That is exact because every piece is bordered by a
character that folding turns into a word break (a space, a tag, punctuation), which
``_Template`` checks when it is built and the tests check against ``search_keys``.
"""

import bisect
import random
import re

from django.conf import settings
from django.utils.text import slugify

from articles.bulk.texts import (
    EN_SLOTS,
    FA_SLOTS,
    GENERAL_BODY,
    GENERAL_BODY_EN,
    SOURCES,
    THEMES,
)
from persian.html import sanitize_html
from persian.text import search_key

ROOTITR_SHARE = 0.6
BODY_BYTES = (1800, 2400)
ENGLISH_BODY_BYTES = (700, 1100)

_SLOT = re.compile(r"\{(\w+)\}")
# Characters that stored HTML text must not hold: they would be escaped or parsed.
_UNSAFE = set("<>&\u00a0\n\r")


class Choice:
    """Weighted values, each with its search key folded once."""

    def __init__(self, values: list, rng: random.Random):
        pairs = [(v, 1) if isinstance(v, str) else v for v in values]
        self.items = [(text, search_key(text)) for text, _w in pairs]
        weights = [w for _t, w in pairs]
        self.cum = [sum(weights[: i + 1]) for i in range(len(weights))]
        self.total = self.cum[-1]
        self.random = rng.random
        for text, _key in self.items:
            _check_safe(text)

    def draw(self) -> tuple[str, str]:
        """Return one (text, key), as often as its weight says."""
        return self.items[bisect.bisect_right(self.cum, self.random() * self.total)]


def _check_safe(text: str) -> None:
    """Refuse text that sanitising or html_to_text would change."""
    html = f"<p>{text}</p>"
    if _UNSAFE & set(text) or sanitize_html(html) != html:
        raise ValueError(f"Bench copy would not survive sanitising: {text!r}")


class _Template:
    """A sentence with slots; its key is the join of its pieces' keys."""

    def __init__(self, text: str, slots: dict[str, Choice]):
        pieces = _SLOT.split(text)
        self.parts: list = []
        for index, piece in enumerate(pieces):
            if index % 2:
                before, after = pieces[index - 1], pieces[index + 1]
                # A slot glued to a letter would fold into one word with it, and
                # the join of the keys would no longer be the key of the text.
                if (before and search_key(before[-1])) or (
                    after and search_key(after[0])
                ):
                    raise ValueError(f"Slot {{{piece}}} must stand apart: {text!r}")
                self.parts.append(slots[piece])
            elif piece:
                self.parts.append((piece, search_key(piece)))
        sample_text, sample_key = self.render()
        _check_safe(sample_text)
        if sample_key != search_key(sample_text):
            raise ValueError(f"Bench copy folds differently in pieces: {text!r}")

    def render(self) -> tuple[str, str]:
        """Return (text, search key) with every slot filled."""
        texts = []
        keys = []
        for part in self.parts:
            text, key = part if part.__class__ is tuple else part.draw()
            texts.append(text)
            if key:
                keys.append(key)
        return "".join(texts), " ".join(keys)


class _Story:
    """One kind of story of a desk, compiled: its own templates for every part."""

    def __init__(self, spec: dict, desk: dict, slots: dict):
        def compile_(templates):
            return [_Template(t, slots) for t in templates]

        self.rootitr = compile_(spec.get("rootitr", []) + desk["rootitr"])
        self.title = compile_(spec["title"])
        self.lead = compile_(spec["lead"])
        self.open = compile_(spec["open"])
        self.body = compile_(spec["body"])


class _Desk:
    """One desk's compiled copy: its kinds of story, in Persian, and English."""

    def __init__(self, spec: dict, fa: dict, en: dict):
        def compile_(templates, slots):
            return [_Template(t, slots) for t in templates]

        self.stories = [_Story(story, spec, fa) for story in spec["stories"]]
        self.story_weights = cumulative(story["weight"] for story in spec["stories"])
        self.body = compile_(spec["body"], fa)
        self.general = compile_(GENERAL_BODY, fa)
        self.en_title = compile_(spec["en_title"], en)
        self.en_lead = compile_(spec["en_lead"], en)
        self.en_body = compile_(spec["en_body"], en)
        self.en_general = compile_(GENERAL_BODY_EN, en)


def _paragraphs(
    rng: random.Random, first: list, groups: list[list], target: int
) -> tuple[str, str]:
    """Return (body HTML, key): ``first``, then the groups' sentences to ``target``."""
    texts = [text for text, _key in first]
    keys = [key for _text, key in first if key]
    size = sum(len(t.encode()) for t in texts) + 7
    paragraphs = []
    order = [template for group in groups for template in rng.sample(group, len(group))]
    for template in order:
        if size >= target:
            break
        text, key = template.render()
        texts.append(text)
        keys.append(key)
        size += len(text.encode()) + 1
        # A paragraph holds two or three sentences.
        if len(texts) >= 3 or (len(texts) == 2 and rng.random() < 0.5):
            paragraphs.append(" ".join(texts))
            texts = []
            size += 7
    if texts:
        paragraphs.append(" ".join(texts))
    return "".join(f"<p>{p}</p>" for p in paragraphs), " ".join(keys)


class Composer:
    """Makes one article's text fields, keys included, from the desks' templates."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        fa = {name: Choice(values, rng) for name, values in FA_SLOTS.items()}
        en = {name: Choice(values, rng) for name, values in EN_SLOTS.items()}
        self.desks = {name: _Desk(spec, fa, en) for name, spec in THEMES.items()}
        self.sources = [(s, (o, search_key(o))) for s, o, _w in SOURCES]
        self.source_weights = cumulative(weight for _s, _o, weight in SOURCES)
        self.languages = [code for code, _name in settings.LANGUAGES]

    def article(self, desk_name: str, *, english: bool) -> dict:
        """Return the text fields of one article as ``Article.save()`` stores them."""
        rng = self.rng
        desk = self.desks[desk_name]
        texts: dict[str, dict[str, str | None]] = {
            f: {} for f in ("rootitr", "title", "lead", "body")
        }
        keys: dict[str, dict[str, str]] = {f: {} for f in texts}

        def put(field, lang, pair):
            texts[field][lang], keys[field][lang] = pair

        story = rng.choices(desk.stories, cum_weights=desk.story_weights)[0]
        if rng.random() < ROOTITR_SHARE:
            put("rootitr", "fa", rng.choice(story.rootitr).render())
        else:
            put("rootitr", "fa", ("", ""))
        put("title", "fa", rng.choice(story.title).render())
        put("lead", "fa", rng.choice(story.lead).render())
        source, opener = rng.choices(self.sources, cum_weights=self.source_weights)[0]
        first = [opener, rng.choice(story.open).render()]
        groups = [story.body, desk.body, rng.sample(desk.general, 2)]
        target = rng.randint(*BODY_BYTES)
        put("body", "fa", _paragraphs(rng, first, groups, target))
        if english:
            put("title", "en", rng.choice(desk.en_title).render())
            put("lead", "en", rng.choice(desk.en_lead).render())
            groups = [desk.en_body, [rng.choice(desk.en_general)]]
            target = rng.randint(*ENGLISH_BODY_BYTES)
            put("body", "en", _paragraphs(rng, [], groups, target))

        # search_keys: the title in every language, then rootitr, lead and body.
        def joined(field):
            return [
                keys[field][lang] for lang in self.languages if keys[field].get(lang)
            ]

        title_keys = joined("title")
        rest = [k for f in ("rootitr", "lead", "body") for k in joined(f)]
        fields = {
            f"{field}_{lang}": texts[field].get(lang)
            for field in texts
            for lang in self.languages
        }
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        fields.update(
            {field: texts[field][default] for field in texts},
            slug=slugify(texts["title"]["fa"], allow_unicode=True)[:250],
            source=source,
            search_title=" ".join(title_keys),
            search_text=" ".join(title_keys + rest),
        )
        return fields


def cumulative(weights) -> list:
    """Return the running totals of ``weights``, as random.choices takes them."""
    total = 0
    out = []
    for weight in weights:
        total += weight
        out.append(total)
    return out
