"""Errors and warnings as the user reads them: file, row, column, value, what to fix."""
from dataclasses import asdict, dataclass

MAX_LISTED = 1000   # problems listed per load; the count still covers all of them


@dataclass
class Problem:
    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    hint: str | None = None   # a remedy each door words its own way: "template"

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        value = f" “{self.value}”" if self.value not in (None, "") else ""
        return f"{', '.join(where)}:{value} {self.message}"


def without_file_name(message: str, file_name: str) -> str:
    """A reader's message without the file name in front (a table shows it beside), starting with a capital."""
    text = message.removeprefix(f"{file_name}: ")
    return text[:1].upper() + text[1:]
