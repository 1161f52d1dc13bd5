"""The clean stage: RawDocument -> Article (encoding repair, boilerplate, metadata, language)."""

from recoupe.clean.document import clean_document
from recoupe.clean.measure import RepairScore, damage, measure_repair
from recoupe.clean.repair import RepairResult, repair_encoding

__all__ = ["clean_document", "repair_encoding", "RepairResult", "damage", "measure_repair", "RepairScore"]
