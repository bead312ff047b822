"""What the planner says about files and rows (batch input, the command line's output), in
English and Chinese: the writers :mod:`planner.text.messages` renders these codes with.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: Characters of a user's text echoed in a message at most (a longer one is cut with "…").
MAX_ECHO_CHARS = 80


def echo(value: Any) -> str:
    """A value the user gave, quoted as Python does, cut at :data:`MAX_ECHO_CHARS`."""
    text = repr(value)
    return text if len(text) <= MAX_ECHO_CHARS else text[: MAX_ECHO_CHARS - 2] + "…" + text[-1]


# --- files and rows (batch input, the command line's output) ------------------------------------

#: Names of a header echoed in a message at most (a longer list ends in "…").
MAX_ECHO_ITEMS = 10
#: What a file that is not a table is, by the kind :mod:`planner.io.encodings` finds.
_NOT_TABLE_EN = {
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "gif": "a GIF image",
    "pdf": "a PDF document",
    "gzip": "a gzip archive",
    "zip": "a zip archive",
    "xls": "an Excel 97-2003 workbook (.xls) or another Office file",
    "binary": "a binary file",
}
_NOT_TABLE_ZH = {
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "pdf": "PDF 文档",
    "gzip": "gzip 压缩包",
    "zip": "zip 压缩包",
    "xls": "Excel 97-2003 工作簿（.xls）或其他 Office 文件",
    "binary": "二进制文件",
}


#: Chinese of the operating system's reasons a file cannot be read or written, by errno.
_OS_REASON_ZH = {
    1: "没有权限",
    2: "文件或文件夹不存在",
    13: "没有权限",
    17: "文件已存在",
    20: "路径中有一项不是文件夹",
    21: "是文件夹",
    28: "磁盘已满",
    30: "只读文件系统",
    36: "文件名过长",
}


def _os_reason(p: Mapping[str, Any], lang: str) -> str:
    """Why the system refused (``reason`` as the system says it; ``errno`` for Chinese)."""
    if lang == "zh" and p.get("errno") in _OS_REASON_ZH:
        return _OS_REASON_ZH[p["errno"]]
    return str(p["reason"])


def _echo_list(values: tuple[Any, ...], sep: str) -> str:
    shown = [echo(v) for v in values[:MAX_ECHO_ITEMS]]
    return sep.join(shown) + (f"{sep}…" if len(values) > MAX_ECHO_ITEMS else "")


def _header_lacks(p: Mapping[str, Any], lang: str) -> str:
    missing, required = p["missing"], p["required"]
    if lang == "zh":
        found = _echo_list(p["found"], "、") or "无"
        return (
            f"货物清单的表头缺少必需的列 {'、'.join(missing)}（实际为 {found}）；"
            f"必需的列：{'、'.join(required)}"
        )
    found = _echo_list(p["found"], ", ") or "nothing"
    return (
        f"shipments header lacks required column(s) {', '.join(missing)} (found {found}); "
        f"required: {', '.join(required)}"
    )


def _summary(p: Mapping[str, Any], lang: str) -> str:
    rows, errors = p["rows"], p["errors"]
    read = p.get("encoding") or ""
    if lang == "zh":
        text = f"已规划 {rows - errors}/{rows} 票货物；{errors} 行出错"
        text += "（见“状态”与“错误”列）" if errors else ""
        return text + (f"；文件按 {read} 读取" if read else "")
    text = f"planned {rows - errors} of {rows} shipment(s); {errors} error row(s)"
    text += " (see the status and error columns)" if errors else ""
    return text + (f"; read as {read}" if read else "")


def _network_broken(p: Mapping[str, Any], lang: str) -> str:
    count = p["count"]
    if lang == "zh":
        return f"通道网络数据有误（{count} 处问题）"
    return f"the network data is broken ({count} problem(s))"
