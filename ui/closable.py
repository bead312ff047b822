"""What a user may avoid (route page) or close (scenario page): corridors, crossings, ports,
and (scenario page) the designated sites."""

from __future__ import annotations

from collections.abc import Callable

from planner.model.import_sites import load_import_sites
from ui import i18n
from ui.i18n import t

__all__ = ["closable_formatter", "closable_items", "closable_picker", "site_items"]

#: Node kinds offered, with the label group they are shown under.
NODE_GROUPS = {
    "border_crossing": "group_crossing",
    "seaport": "group_port",
    "airport": "group_airport",
}


def closable_items(network) -> dict[str, tuple[str, dict]]:
    """``id -> (group key, row)`` for the seed corridors first, then the other corridors,
    then China's border crossings, seaports and airports."""
    items: dict[str, tuple[str, dict]] = {}
    seed = list(getattr(network, "seed_corridors", ()) or ())
    others = [c for c in network.corridors if c not in seed]
    for corridor_id in seed + others:
        corridor = network.corridors[corridor_id]
        items[corridor_id] = ("group_corridor", dict(corridor.__dict__))
    nodes = network.nodes
    for kind, group in NODE_GROUPS.items():
        chosen = nodes[(nodes["kind"] == kind) & (nodes["country"] == "CN")]
        for node_id, row in chosen.iterrows():
            if node_id not in items:
                items[node_id] = (
                    group,
                    {"id": node_id, "name_en": row["name_en"], "name_zh": row["name_zh"]},
                )
    return items


def site_items(network) -> dict[str, tuple[str, dict]]:
    """``id -> (group key, row)`` for the designated sites of ``import_sites.csv`` (each id
    once: the mail exchange is a site both ways), Shanxi's first."""
    sites = [s for s in load_import_sites(network.data_dir).sites if s.role == "site"]
    items: dict[str, tuple[str, dict]] = {}
    for site in sorted(sites, key=lambda s: not s.in_shanxi):
        row = {"id": site.id, "name_en": site.name.en, "name_zh": site.name.zh}
        items.setdefault(site.id, ("group_site", row))
    return items


def closable_formatter(items: dict[str, tuple[str, dict]]) -> Callable[[str], str]:
    """``format_func``: ``"[Border crossing] Erenhot"`` in the current language."""

    lang = i18n.current()

    def label(item_id: str) -> str:
        if item_id not in items:
            return item_id
        group, row = items[item_id]
        return f"[{t(group, lang)}] {i18n.name(row, lang)}"

    return label


def closable_picker(where, items: dict[str, tuple[str, dict]], key: str, **labels: str) -> None:
    """A multiselect of ``items`` in ``where`` (a column or the page); ``labels`` name the
    string keys of its ``label``, ``placeholder`` and, optionally, ``help``."""
    where.multiselect(
        t(labels["label"]),
        list(items),
        key=key,
        format_func=closable_formatter(items),
        placeholder=t(labels["placeholder"]),
        help=t(labels["help"]) if "help" in labels else None,
        # no "Select all" / "Select 2 matches" entry: Enter picks the first match, as a
        # person typing a name expects (and the entry's text is English on a Chinese page)
        select_all=False,
    )
