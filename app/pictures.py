"""Which pictures the desk stores (a tool's photo, the house's logo): JPEG and PNG, told by their
first bytes rather than by a file name, which a volunteer's download may have wrong."""

from __future__ import annotations

_MAGIC = ((b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def picture_type(data: bytes) -> str | None:
    """The media type of a JPEG or PNG picture, from its first bytes; None for anything else."""
    return next((media for magic, media in _MAGIC if data.startswith(magic)), None)
