"""Measured quality: gold annotations, per-capability scores, and the floors CI enforces."""

from recoupe.evaluate.gold import GoldDoc, GoldStory, load_gold, locate
from recoupe.evaluate.run import check_floors, run_eval
from recoupe.evaluate.scoring import Scores, Tally, bcubed

__all__ = ["GoldDoc", "GoldStory", "load_gold", "locate", "run_eval", "check_floors", "Scores", "Tally", "bcubed"]
