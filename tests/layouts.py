"""Set stories as pages in other layouts than the seeds': the same stories, printed differently.

Other papers and extractors print the headline above the story or gather the headlines at
the end, use other column widths, no blank lines between printed lines, or double a
headline's glyphs. These pages check the pipeline on rules, not on the seeds' look.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.clean import display_width


@dataclass(frozen=True)
class Layout:
    name: str
    width: int  # column width in Chinese character cells
    headlines: str  # "above" | "below" | "end"
    blank_lines: bool  # a blank line between printed lines, as in the seeds
    doubled: str = ""  # "" | "glyphs" (每个字两遍) | "runs" (the whole line twice)


LAYOUTS = [
    Layout("above-22-blank", 22, "above", True),
    Layout("above-16-dense", 16, "above", False),
    Layout("end-28-blank", 28, "end", True),
    Layout("end-20-dense", 20, "end", False),
    Layout("below-18-dense-doubled", 18, "below", False, doubled="runs"),
    Layout("above-30-blank-doubled", 30, "above", True, doubled="glyphs"),
]


def wrap(text: str, width: int) -> list[str]:
    """Give back the text cut into printed lines of at most `width` cells."""
    lines, current = [], ""
    for ch in text:
        if current and display_width(current + ch) > width:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines


def _double(line: str, how: str) -> str:
    if how == "glyphs":
        return "".join(ch * 2 if ch != " " else ch for ch in line)
    if how == "runs":
        return " ".join(part * 2 for part in line.split(" "))
    return line


def set_page(stories: list[dict], layout: Layout) -> str:
    """Give back page text with the stories (title, author, kind, text) set in the layout."""
    out: list[str] = []
    gathered: list[str] = []

    def headline(story: dict) -> list[str]:
        lines = [_double(line, layout.doubled) for line in wrap(story["title"], layout.width + 6)] if story["title"] else []
        if lines and story["kind"] == "feature" and story["author"]:
            lines.append(f"□ {story['author']}")
        return lines

    for story in stories:
        heads = headline(story)
        boxed = bool(heads) and story["kind"] == "feature" and story["author"]
        body: list[str] = []
        for paragraph in story["text"].split("\n"):
            body += wrap(paragraph, layout.width)
        if story["kind"] == "photo":
            body[-1] += f" {story['author']} 摄"
        elif story["author"] and not boxed:
            body[-1] += f"（{story['author']}）"
        if layout.headlines == "above":
            out += heads + body
        elif layout.headlines == "below":
            out += body + heads
        else:
            out += body
            gathered += heads
    out += gathered
    separator = "\n\n" if layout.blank_lines else "\n"
    return separator.join(out) + "\n"
