"""The words people read: what the planner says as records (:mod:`planner.text.message`), one
catalogue per language (``catalogue/en.toml``, ``zh.toml``) looked up by
:func:`planner.text.words.words`, the one formatter that writes a message record in English or
Chinese (:func:`planner.text.messages.render`), the tables' headers, the scenario's sentences
and how a parameter is cited.
"""
