"""Annual dossier statistics per procedure (hồ sơ phát sinh), as provincial one-stop systems report them.

Pure data. One record is one procedure in one year: dossiers received, of which online, settled on time
and late; with the report it comes from. A store keeps records of several years and sources.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from engine.model.procedure import Strict, Volume


class VolumeRecord(Strict):
    code: str  # mã thủ tục
    year: int = Field(ge=2000, le=2100)
    received: int = Field(ge=0)  # số hồ sơ tiếp nhận
    online: int | None = Field(default=None, ge=0)  # trong đó trực tuyến
    on_time: int | None = Field(default=None, ge=0)  # đã giải quyết đúng hạn
    late: int | None = Field(default=None, ge=0)  # giải quyết quá hạn
    source: str  # the report or system the figures come from

    @model_validator(mode="after")
    def _parts_within_received(self) -> VolumeRecord:
        if self.online is not None and self.online > self.received:
            raise ValueError(f"online ({self.online}) is more than received ({self.received})")
        return self

    def as_volume(self) -> Volume:
        """The procedure's annual volume, counted (not estimated), naming its source and year."""
        return Volume(per_year=self.received, source=f"{self.source}, năm {self.year}", estimate=False)


class VolumeStore(Strict):
    """Every imported record; one per procedure and year."""

    records: list[VolumeRecord] = Field(default_factory=list)

    def latest(self) -> dict[str, VolumeRecord]:
        """Each procedure's record of its latest year."""
        best: dict[str, VolumeRecord] = {}
        for record in self.records:
            if record.code not in best or record.year > best[record.code].year:
                best[record.code] = record
        return best

    def merged(self, records: list[VolumeRecord]) -> VolumeStore:
        """This store with ``records`` added; a new record replaces the one of its code and year."""
        keys = {(r.code, r.year) for r in records}
        kept = [r for r in self.records if (r.code, r.year) not in keys]
        return VolumeStore(records=sorted(kept + records, key=lambda r: (r.code, r.year)))
