"""Writing a generation: Whoosh's segments, new or updated by hard links, then the files beside them."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from ..text.statements import Paragraph, Statement, slugify
from . import tokens
from .repeats import first_copies
from .schema import ParagraphCodec, paragraph_schema
from .score_table import ScoreTable, write_table
from .texts import write_texts
from .tokens import analyse_all, corpus_tokens, paragraph_facts
from .vocabulary import Vocabulary, load_vocabulary, paragraph_counts


# Memory Whoosh may use for its indexing buffer before it spills to disk.
WRITER_LIMIT_MB = 256
# Whoosh names its files after the index: _MAIN_<n>.toc, MAIN_<segment>.seg, ...
WHOOSH_FILE_PREFIXES = ("MAIN_", "_MAIN_")
# ...and its lock file, which is never shared between generations.
WHOOSH_LOCK = "MAIN_WRITELOCK"


@dataclass(frozen=True)
class Progress:
    """How far a build has got."""

    statements_done: int
    statements_total: int
    paragraphs_done: int
    seconds: float

    @property
    def rate(self) -> float:
        """Paragraphs indexed per second so far."""
        return self.paragraphs_done / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Plan:
    """Which statements a build must delete from, and add to, the index it starts from."""

    add: tuple[Statement, ...]
    delete: tuple[str, ...]
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def paragraph_document(statement: Statement, paragraph: Paragraph, stems: list[str]) -> dict:
    """The Whoosh document of one body paragraph: its stems to index, its text to store."""
    return {
        "id": f"{statement.slug}#p{paragraph.number}",
        "statement": statement.slug,
        "force": statement.force,
        "force_key": slugify(statement.force),
        "period": statement.period,
        "paragraph": paragraph.number,
        # A list is indexed token by token as it is (positions 0, 1, ...): analysed already.
        "text": stems,
        "_stored_text": paragraph.text,
    }


def plan_update(statements: list[Statement], indexed: dict[str, str] | None) -> Plan:
    """Compare parsed statements with the checksums of an index (None: build everything)."""
    if indexed is None:
        slugs = tuple(s.slug for s in statements)
        return Plan(tuple(statements), (), slugs, (), ())
    current = {s.slug: s for s in statements}
    added = tuple(slug for slug in current if slug not in indexed)
    changed = tuple(slug for slug in current if slug in indexed and indexed[slug] != current[slug].checksum)
    removed = tuple(slug for slug in indexed if slug not in current)
    add = tuple(current[slug] for slug in (*added, *changed))
    return Plan(add, changed + removed, added, changed, removed)


def link_generation(source: Path, target: Path) -> None:
    """Hard-link a generation's Whoosh files into `target` (copy where links are impossible).

    Only Whoosh's own files: everything else in a generation is rewritten by each build.
    """
    for path in source.iterdir():
        if not path.name.startswith(WHOOSH_FILE_PREFIXES) or path.name == WHOOSH_LOCK:
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)


def stored_texts(ix, slugs: tuple[str, ...]) -> Iterator[str]:
    """The paragraph texts an index holds for these statements."""
    with ix.searcher() as searcher:
        for slug in slugs:
            for docnum in searcher.document_numbers(statement=slug):
                yield searcher.stored_fields(docnum)["text"]


def index_writer(ix, paragraphs: int, fresh: bool):
    """Whoosh's writer: for a large new index, one writing process per core, each writing its
    own segment (Whoosh's statistics add up across segments, so scores are unchanged;
    merging them would cost more than the second process saves)."""
    processes = tokens.WORKERS
    if fresh and processes > 1 and paragraphs >= tokens.PARALLEL_FROM_PARAGRAPHS:
        return ix.writer(limitmb=WRITER_LIMIT_MB // processes, procs=processes, multisegment=True, batchsize=200,
                         codec=ParagraphCodec())
    return ix.writer(limitmb=WRITER_LIMIT_MB, codec=ParagraphCodec())


def write_generation(
    build_dir: Path,
    plan: Plan,
    statements: list[Statement],
    start_from: Path | None,
    progress: Callable[[Progress], None] | None = None,
    previous_slugs: list[str] = (),
) -> None:
    """Apply `plan` to a copy of `start_from` (or to a new, empty index) in `build_dir`,
    then write the score table of all `statements` beside it. `previous_slugs` are
    `start_from`'s statements in catalogue order.

    The vocabulary is updated the same way: the words of deleted paragraphs
    (read back from the index) are counted out, those of added ones in.
    """
    previous = None
    if start_from is None:
        ix = whoosh_index.create_in(str(build_dir), paragraph_schema())
        vocabulary = Vocabulary()
    else:
        link_generation(start_from, build_dir)
        ix = whoosh_index.open_dir(str(build_dir))
        vocabulary = load_vocabulary(start_from)
        vocabulary.remove(paragraph_counts(stored_texts(ix, plan.delete)))
        previous = ScoreTable(start_from)
    writer = index_writer(ix, sum(len(s.paragraphs) for s in plan.add), fresh=start_from is None)
    started = time.perf_counter()
    analysed = {}
    try:
        for slug in plan.delete:
            writer.delete_by_term("statement", slug)
        paragraphs = 0
        for done, (statement, found) in enumerate(zip(plan.add, analyse_all(plan.add)), 1):
            for paragraph, stems in zip(statement.paragraphs, found.paragraph_stems()):
                writer.add_document(**paragraph_document(statement, paragraph, stems))
            paragraphs += len(statement.paragraphs)
            vocabulary.add(found.words)
            # Keep the stems for the score table; the words are counted (and would cost a Counter each).
            analysed[statement.slug] = replace(found, words=None)
            if progress is not None:
                progress(Progress(done, len(plan.add), paragraphs, time.perf_counter() - started))
    except BaseException:
        writer.cancel()
        raise
    # Merging drops deleted paragraphs from Whoosh's statistics, so the
    # reference scores an updated index exactly as a full build.
    writer.commit(optimize=bool(plan.delete))
    ix.close()
    corpus = corpus_tokens(statements, analysed, previous, previous_slugs)
    statement_of = np.repeat(np.arange(len(statements)), [len(s.paragraphs) for s in statements])
    paragraph_of = np.array([p.number for s in statements for p in s.paragraphs], dtype=np.int32)
    forces = [statement.force for statement in statements for _ in statement.paragraphs]
    leads, wordings = paragraph_facts(statements, analysed, previous, previous_slugs)
    write_table(build_dir, corpus, {
        "statement": statement_of,
        "paragraph": paragraph_of,
        "lead": leads,
        "wording": wordings,
        "copy": first_copies(forces, statement_of.tolist(), wordings.tolist()),
    })
    write_texts(build_dir, [paragraph.text for statement in statements for paragraph in statement.paragraphs])
    vocabulary.save(build_dir)
