"""Who issues the summary report (issuer, place, signer, recipients), kept in a file beside the database."""
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from common.db import db_path


@dataclass
class ReportSettings:
    """Who issues the report: filled once by the user, kept beside the database."""
    upper_body: str = ""          # TỈNH ỦY SƠN HÀ
    issuer: str = ""              # BAN TUYÊN GIÁO VÀ DÂN VẬN
    number: str = ""              # -BC/BTGDVTU, the number itself is written in by hand
    place: str = ""               # Sơn Hà
    signer_for: str = ""          # T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN
    signer_title: str = ""        # TRƯỞNG BAN
    signer_name: str = ""
    recipients: list[str] = field(default_factory=lambda: ["Thường trực cấp ủy (để báo cáo)",
                                                           "Các cấp ủy trực thuộc", "Lưu Văn phòng"])

    LABELS = {"upper_body": "Cơ quan cấp trên", "issuer": "Cơ quan ban hành", "number": "Số, ký hiệu",
              "place": "Địa danh", "signer_for": "Thẩm quyền ký (T/M, K/T)", "signer_title": "Chức vụ người ký",
              "signer_name": "Họ tên người ký"}

    def missing(self) -> list[str]:
        return [label for name, label in self.LABELS.items() if not getattr(self, name).strip()]

    def summary(self) -> str:
        """One line for the audit trail."""
        return "; ".join([f"{label}: {getattr(self, name)}" for name, label in self.LABELS.items()]
                         + ["Nơi nhận: " + ", ".join(self.recipients)])

    @classmethod
    def load(cls, path: Path) -> "ReportSettings":
        if not path.exists():
            return cls()
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):   # a damaged file: start again from empty fields rather than stop the page
            return cls()
        return cls(**{f.name: stored[f.name] for f in fields(cls) if f.name in stored})

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")


def settings_path(db: str | None = None) -> Path:
    return db_path(db).with_suffix(".report.json")
