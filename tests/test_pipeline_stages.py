from __future__ import annotations

import pytest

from recoupe.pipeline import STAGES, Stage, check_stage_order


def test_pipeline_stages_in_order():
    check_stage_order(STAGES)


def test_pipeline_rejects_stage_before_its_inputs():
    with pytest.raises(ValueError, match="requires"):
        check_stage_order((Stage("group", ("Article",), ("Story",)), *STAGES))
