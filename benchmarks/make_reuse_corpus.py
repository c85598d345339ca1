"""Make a synthetic corpus with planted copies, for benchmarking the reuse finder.

    python benchmarks/make_reuse_corpus.py [--articles 10000] [--seed 7] [--out benchmarks/out/reuse-corpus]

The same seed always gives the same files, byte for byte. The text is
invented but shaped like news: every sentence follows the pattern of a real
sentence of the seed articles (its function words, punctuation and length
are kept) while its content words are drawn from a large vocabulary, part
real (the seeds' own content words) and part made up from syllables, with
the skewed frequencies of real language. Unrelated articles therefore share
common short phrases ("as well as the") but almost never eight words in a
row, as in real news.

Planted on purpose, with the truth written to ``truth.json``:

=============  ==============================================================
verbatim       an article's body copied whole under a new headline
edited         a copy with 2-30% of its words changed, dropped or added
partial        a third to two thirds of an article's paragraphs inside another
quotation      two articles quoting the same sentence, with their own framing
=============  ==============================================================

Page furniture is sprinkled in as on scraped pages ("Be the first to
comment", date lines, a newsletter prompt in about 1% of articles).

The output folder is meant for ``benchmarks/out/`` (ignored by git) or a
temporary folder; never commit it.
"""

from __future__ import annotations

import argparse
import json
import random
import string
from pathlib import Path

from helpers.corpus import load_corpus
from helpers.text import load_stopwords, split_sentences, tokenize

__all__ = ["PLANT_KINDS", "make_corpus", "write_corpus"]

PLANT_KINDS = ("verbatim", "edited", "partial", "quotation")

_FURNITURE = ["Be the first to comment", "Share this article", "Advertisement", "Read more"]
_NEWSLETTER = "Sign up for our daily newsletter to get the stories that matter delivered to you"
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
_SAID = ["said", "told reporters", "said in a statement", "added", "wrote", "said on Monday", "told the council", "explained", "argued", "said later"]


def _sentence_model():
    """Learn how sentences of the seed articles are built.

    Each seed sentence becomes a sequence of *skeleton tokens*: function
    words and punctuation as written, and a slot (``<lower>``, ``<title>``,
    ``<number>``) for every content word. A first-order Markov chain over
    these tokens then writes new sentences with the rhythm of the seeds but
    in endlessly varied order. Headings are kept whole as patterns.

    Returns
    -------
    chain : dict
        Token → list of (next token, space before it).
    headings : list of list of (token, space before)
    seed_words : list of str
        The seeds' content words (part of the vocabulary).
    """
    stop = load_stopwords()
    corpus = load_corpus(Path(__file__).resolve().parents[1] / "seeds")
    chain: dict = {}
    headings, seed_words = [], set()
    for article in corpus:
        for sentence in split_sentences(article):
            tokens = tokenize(sentence.text)
            if len(tokens) < 4:
                continue
            skeleton, last = [], 0
            for token in tokens:
                spaced = token.start > last
                last = token.end
                lower = token.norm
                if token.kind == "number":
                    skeleton.append(("<number>", spaced))
                elif token.kind == "word" and lower not in stop and not lower.endswith("."):
                    skeleton.append(("<title>" if token.text[0].isupper() else "<lower>", spaced))
                    seed_words.add(lower)
                else:
                    skeleton.append((token.text, spaced))
            if sentence.kind == "heading":
                headings.append(skeleton)
            elif sentence.kind in ("paragraph", "bullet"):
                previous = "<start>"
                for item in skeleton + [("<end>", False)]:
                    chain.setdefault(previous, []).append(item)
                    previous = item[0]
    return chain, headings, sorted(seed_words)


def _vocabulary(rng: random.Random, seed_words: list[str], size: int) -> list[str]:
    """Seed content words first, then invented words made of syllables."""
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st", "tr", "gr", "pl", "ch", "sh"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "", "n", "r", "s", "l", "t", "nd", "rt", "st"]
    words = list(seed_words)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((2, 2, 3))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    rng.shuffle(words)  # the seed words spread over the frequency ranks
    return words


class _Writer:
    """Draws words and sentences; one instance per corpus (deterministic)."""

    def __init__(self, seed: int, vocabulary_size: int = 60_000):
        self.rng = random.Random(seed)
        self.chain, self.headings, seed_words = _sentence_model()
        self.words = _vocabulary(self.rng, seed_words, vocabulary_size)
        # Zipf-like weights 1 / (rank + 60): the commonest content word is
        # about 0.25% of content words, as "said" or "year" are in news.
        self.cumulative = []
        total = 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 60)
            self.cumulative.append(total)
        self.names = [self._name() for _ in range(5000)]

    def _name(self) -> str:
        first = self.rng.choice(["Ana", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jon", "Kemi", "Luis"])
        return f"{first} {self.word().title()}"

    def word(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cumulative)[0]

    def skeleton(self, low: int = 8, high: int = 40) -> list:
        """A new sentence skeleton from the Markov chain, ``low`` to ``high`` tokens long."""
        while True:
            out, token = [], "<start>"
            while len(out) <= high:
                token, spaced = self.rng.choice(self.chain[token])
                if token == "<end>":
                    break
                out.append((token, spaced))
            if low <= len(out) <= high and out[-1][0] in ".!?":
                return out

    def fill(self, skeleton, topic: list[str]) -> str:
        pieces = []
        for token, spaced in skeleton:
            if token == "<number>":
                token = str(self.rng.choice([self.rng.randint(2, 99), self.rng.randint(100, 40_000)]))
            elif token in ("<lower>", "<title>"):
                word = self.rng.choice(topic) if self.rng.random() < 0.3 else self.word()
                token = word.title() if token == "<title>" else word
            pieces.append((" " if spaced and pieces else "") + token)
        text = "".join(pieces).strip()
        return text[0].upper() + text[1:] if text else text

    def sentence(self, topic: list[str]) -> str:
        text = self.fill(self.skeleton(), topic)
        if self.rng.random() < 0.12:  # a direct quotation with its attribution
            return f"“{text.rstrip('.!?')},” {self.rng.choice(self.names)} {self.rng.choice(_SAID)}."
        return text

    def headline(self, topic: list[str]) -> str:
        return self.fill(self.rng.choice(self.headings), topic).rstrip(".")

    def article(self) -> dict:
        """A fresh article: headline, paragraphs, maybe furniture."""
        topic = [self.word() for _ in range(12)]
        paragraphs = [
            " ".join(self.sentence(topic) for _ in range(self.rng.randint(2, 3))) for _ in range(self.rng.randint(7, 10))
        ]
        before, after = [], []
        if self.rng.random() < 0.08:
            before.append(f"| Published {self.rng.choice(_MONTHS)} {self.rng.randint(1, 28)}, 2025")
        if self.rng.random() < 0.12:
            after.append(self.rng.choice(_FURNITURE))
        if self.rng.random() < 0.01:
            after.append(_NEWSLETTER)
        return {"headline": self.headline(topic), "before": before, "paragraphs": paragraphs, "after": after}

    def edit(self, text: str, rate: float) -> str:
        """Change, drop or add words at the given rate (punctuation kept)."""
        out = []
        for piece in text.split(" "):
            if not piece or not piece[0].isalnum() or self.rng.random() >= rate:
                out.append(piece)
                continue
            roll = self.rng.random()
            tail = "".join(ch for ch in piece[-1:] if ch in string.punctuation)
            if roll < 0.6:
                out.append(self.word() + tail)
            elif roll < 0.8:
                if tail and out:
                    out[-1] += tail
            else:
                out.extend([piece, self.word()])
        return " ".join(out)


def _render(article: dict) -> str:
    lines = article["before"] + [article["headline"]] + article["paragraphs"] + article["after"]
    return "\n".join(lines) + "\n"


def make_corpus(articles: int = 10_000, seed: int = 7, plants_per_kind: int | None = None) -> tuple[dict, list[dict]]:
    """Build the corpus in memory.

    Parameters
    ----------
    articles : int
        Number of articles (at least 20).
    seed : int
        Same seed, same corpus.
    plants_per_kind : int, optional
        Planted pairs of each kind (default: 3% of the articles, at least 2).

    Returns
    -------
    texts : dict
        File name → text.
    plants : list of dict
        ``{"kind", "source", "target", "amount"}``: the planted pairs
        (``amount`` is the edit rate or the share of paragraphs copied).
    """
    if articles < 20:
        raise ValueError("Make at least 20 articles.")
    writer = _Writer(seed)
    rng = writer.rng
    per_kind = plants_per_kind if plants_per_kind is not None else max(2, articles * 3 // 100)
    if per_kind * len(PLANT_KINDS) * 2 > articles:
        raise ValueError(f"{per_kind} plants of each kind need more than {articles} articles.")
    drafts = [writer.article() for _ in range(articles)]
    names = [f"{number:05d}.txt" for number in range(articles)]
    roles = list(range(articles))
    rng.shuffle(roles)
    plants = []
    for k, kind in enumerate(PLANT_KINDS):
        for p in range(per_kind):
            slot = 2 * (k * per_kind + p)
            source, target = roles[slot], roles[slot + 1]
            if kind == "verbatim":
                drafts[target]["paragraphs"] = list(drafts[source]["paragraphs"])
                amount = 1.0
            elif kind == "edited":
                amount = round(rng.uniform(0.02, 0.30), 3)
                drafts[target]["paragraphs"] = [writer.edit(par, amount) for par in drafts[source]["paragraphs"]]
            elif kind == "partial":
                paragraphs = drafts[source]["paragraphs"]
                count = max(1, round(len(paragraphs) * rng.uniform(1 / 3, 2 / 3)))
                first = rng.randint(0, len(paragraphs) - count)
                block = paragraphs[first : first + count]
                own = drafts[target]["paragraphs"]
                where = rng.randint(0, len(own))
                drafts[target]["paragraphs"] = own[:where] + block + own[where:]
                amount = round(count / len(paragraphs), 3)
            else:  # quotation: the same quoted sentence, framed differently
                quote = writer.fill(writer.skeleton(14, 30), [writer.word()]).rstrip(".!?")
                quote = " ".join(quote.translate({ord(c): None for c in "“”\"«»"}).split())
                speaker = rng.choice(writer.names)
                drafts[source]["paragraphs"].insert(1, f"“{quote},” {speaker} said on Monday.")
                drafts[target]["paragraphs"].insert(2, f"Speaking later, {speaker} repeated: “{quote}.”")
                amount = 1.0
            plants.append({"kind": kind, "source": names[source], "target": names[target], "amount": amount})
    texts = {name: _render(draft) for name, draft in zip(names, drafts)}
    return texts, plants


def write_corpus(folder: str | Path, articles: int = 10_000, seed: int = 7, plants_per_kind: int | None = None) -> Path:
    """Write the corpus and ``truth.json`` into a folder (made if missing).

    Returns
    -------
    Path
        The folder.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    texts, plants = make_corpus(articles, seed, plants_per_kind)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    words = sum(len(text.split()) for text in texts.values())
    truth = {"articles": articles, "seed": seed, "words": words, "plants": plants}
    (folder / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return folder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Make a synthetic corpus with planted copies.")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plants", type=int, default=None, help="planted pairs of each kind (default 3%% of articles)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "out" / "reuse-corpus"))
    args = parser.parse_args(argv)
    folder = write_corpus(args.out, args.articles, args.seed, args.plants)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    print(f"wrote {truth['articles']} articles ({truth['words']:,} words) and truth.json to {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
