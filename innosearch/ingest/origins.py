"""The source name each file found on disk is stored under, so that two files never share one.

A source is the file's path relative to the folder given to ingest ("sag.json"), which keeps a
folder's documents (and their ids, and links to them) the same wherever the folder lies. Two
folders may both hold a "sag.json", though, and the same file may be reached from a folder above
it; the absolute path each source came from (the store's file origins) settles both.
"""

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


@dataclass
class SourceFile:
    path: Path
    source: str  # relative to the folder it was found in, or the bare file name
    root: Path  # the folder (or file) given to ingest

    @property
    def origin(self) -> str:
        return os.path.abspath(self.path)


def claim_sources(
    found: list[SourceFile], origins: dict[str, str], stored: Collection[str]
) -> list[SourceFile]:
    """The files with the sources to store them under.

    A file stored before keeps its source, whichever folder above it was given. A new file takes
    its relative path, unless another file that still exists holds that source: then it takes
    as many of its parent folders' names as make it unique ("kommuneB/sag.json"). A source whose
    file is gone is taken over, so a folder that was moved keeps its documents.
    `origins` maps stored sources to absolute paths; `stored` holds the sources with documents.
    """
    holder = {source: origin for source, origin in origins.items() if source in stored}
    source_of = {origin: source for source, origin in holder.items()}
    claimed = []
    for file in found:
        origin = file.origin
        source = source_of.get(origin) or _free_source(file, origin, holder)
        holder[source] = origin
        source_of[origin] = source
        claimed.append(SourceFile(file.path, source, file.root))
    return claimed


def _free_source(file: SourceFile, origin: str, holder: dict[str, str]) -> str:
    parts = PurePosixPath(Path(origin).as_posix()).parts
    depth = len(PurePosixPath(file.source).parts)
    source = file.source
    while source in holder and holder[source] != origin and os.path.exists(holder[source]):
        depth += 1
        if depth >= len(parts):
            return origin  # the whole path: no two files have it
        source = "/".join(parts[-depth:])
    return source
