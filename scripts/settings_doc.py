"""Print the README's settings reference from default_settings.toml (its comments are the docs).

    python scripts/settings_doc.py            # print the markdown
    python scripts/settings_doc.py --write    # replace the block between the README's settings markers
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOML = ROOT / "src" / "recoupe" / "default_settings.toml"
BEGIN, END = "<!-- settings:begin -->", "<!-- settings:end -->"


def markdown() -> str:
    lines, comment, section = [], [], None
    for raw in TOML.read_text("utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line
            lines += ["", f"**{section}**", "", "| key | default | meaning |", "|---|---|---|"]
            comment = []
        elif line.startswith("#"):
            comment.append(line.lstrip("# "))
        elif "=" in line and section:
            key, value = (part.strip() for part in line.split("=", 1))
            text = " ".join(comment).replace("|", "\\|") or "(described with the key above)"
            lines.append(f"| `{key}` | `{value}` | {text} |")
            comment = []
    return "\n".join(lines).strip() + "\n"


def main() -> None:
    doc = markdown()
    if "--write" not in sys.argv:
        print(doc)
        return
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    readme.write_text(text[:start] + "\n" + doc + text[end:], "utf-8")


if __name__ == "__main__":
    main()
