"""Let a rule's transformer skip the parts of a tree it has no hook for.

libcst rebuilds every node a transformer visits, and a rule visits the whole cell
although it only reacts to a few node types (``leave_Call``, ``visit_Attribute``...):
the static pass spent most of its time rebuilding nodes no rule looks at. Each
node's subtree gets a bit mask of the node types in it (computed once per node and
shared by every rule, since unchanged subtrees keep their identity from rule to
rule); a transformer descends only into subtrees holding a type it has a hook for.
A skipped subtree is returned as it was, which is what visiting it would have built,
so the result is the same tree.

Whitespace and punctuation nodes (commas, operators, parentheses) are not
descended into: they hold nothing but whitespace, so a rule with a hook on a
whitespace type is never skipped.

The code of a rewritten tree is generated without libcst's per-node position
bookkeeping (``module_code``), which only its position provider reads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import typing

import libcst as cst

_WHITESPACE = (
    cst.BaseParenthesizableWhitespace,
    cst.SimpleWhitespace,
    cst.ParenthesizedWhitespace,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.Comment,
    cst.Newline,
)
_WHITESPACE_NAMES = {c.__name__ for c in _WHITESPACE}

_BIT: dict[str, int] = {}  # node type name -> its bit
# node type -> (its bit, the fields that may hold nodes: () for tokens); None for the other types fields hold
INFO: dict[type, tuple[int, tuple[str, ...]] | None] = {type(None): None, str: None, cst.MaybeSentinel: None}
MASKS: dict[int, tuple[int, cst.CSTNode]] = {}  # id(node) -> (mask, node): the node is kept so its id stays its own
# A notebook's trees, a few times over; then start again. Kept small: the entries hold their nodes, and
# every full garbage collection walks what is held (200,000 cost the pass a tenth of its time).
_MAX_MASKS = 20_000
ALL = -1  # the mask of "every type": no skipping


def bit(name: str) -> int:
    found = _BIT.get(name)
    if found is None:
        found = _BIT[name] = 1 << len(_BIT)
    return found


def type_bit(cls: type) -> int:
    info = INFO.get(cls) or _learn(cls)
    return info[0] if info else bit(cls.__name__)


def _node_classes(annotation) -> set[type]:
    if isinstance(annotation, type):
        return {annotation} if issubclass(annotation, cst.CSTNode) else set()
    found: set[type] = set()
    for arg in typing.get_args(annotation):
        found |= _node_classes(arg)
    return found


def _learn(cls: type) -> tuple[int, tuple[str, ...]] | None:
    """``cls``'s bit and the fields that may hold nodes (() when they can only hold whitespace); None for
    a type that is not a node."""
    if not (isinstance(cls, type) and issubclass(cls, cst.CSTNode)):
        INFO[cls] = None
        return None
    fields = tuple(f.name for f in dataclasses.fields(cls))
    try:
        hints = typing.get_type_hints(cls)
        held = {name: _node_classes(hints[name]) for name in fields}
    except Exception:  # noqa: BLE001 - unreadable annotations: descend into every field
        held = None
    if held is not None:
        classes = set().union(*held.values())
        if all(issubclass(c, _WHITESPACE) for c in classes):
            fields = ()
        else:
            fields = tuple(name for name in fields if held[name])
    info = INFO[cls] = (bit(cls.__name__), fields)
    return info


def kinds_below(node: cst.CSTNode) -> int:
    """The mask of the node types in ``node``'s subtree (``node`` included)."""
    try:
        return _kinds(node)
    except RecursionError:  # a tree deeper than the stack: skip nothing
        return ALL


def _kinds(node: cst.CSTNode) -> int:
    key = id(node)
    hit = MASKS.get(key)
    if hit is not None and hit[1] is node:
        return hit[0]
    info = INFO.get(type(node)) or _learn(type(node))
    mask = info[0]
    # Tokens (no fields that hold nodes) are counted here rather than by a call of their own.
    for name in info[1]:
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            for item in value:
                sub = INFO[type(item)] if type(item) in INFO else _learn(type(item))
                if sub is not None:
                    mask |= _kinds(item) if sub[1] else sub[0]
        else:
            sub = INFO[kind] if kind in INFO else _learn(kind)
            if sub is not None:
                mask |= _kinds(value) if sub[1] else sub[0]
    if len(MASKS) >= _MAX_MASKS:
        MASKS.clear()
    MASKS[key] = (mask, node)
    return mask


_BASE = cst.CSTTransformer
_HOOKS = ("on_visit", "on_leave", "on_visit_attribute", "on_leave_attribute")
_INTEREST: dict[type, int] = {}


def _hooks(cls: type) -> set[str]:
    """The visit_/leave_ methods ``cls`` defines over libcst's no-op ones (read from the classes' own
    namespaces: ``dir`` of a transformer lists libcst's hundreds of no-op hooks)."""
    return {
        attr
        for klass in cls.__mro__
        if not klass.__module__.startswith("libcst") and klass is not object
        for attr in vars(klass)
        if attr.startswith(("visit_", "leave_")) and getattr(cls, attr) is not getattr(_BASE, attr, None)
    }


def interest(cls: type, own: type) -> int:
    """The mask of the node types ``cls`` has a visit_/leave_ hook for; ALL when it cannot skip: it
    overrides a generic hook (``own`` is the base class whose generic hooks are known not to care), or
    hooks a whitespace type."""
    found = _INTEREST.get(cls)
    if found is not None:
        return found
    if any(getattr(cls, h) is not getattr(own, h) for h in _HOOKS):
        found = ALL
    else:
        names = {attr.split("_", 1)[1].split("_", 1)[0] for attr in _hooks(cls)}
        found = ALL if names & _WHITESPACE_NAMES else 0
        for name in names if found == 0 else ():
            found |= bit(name)
    _INTEREST[cls] = found
    return found


_ATTRIBUTE_HOOKS: dict[type, bool] = {}


def has_attribute_hooks(cls: type) -> bool:
    """Whether ``cls`` defines a ``visit_<Type>_<attribute>`` or ``leave_<Type>_<attribute>`` hook."""
    found = _ATTRIBUTE_HOOKS.get(cls)
    if found is None:
        found = _ATTRIBUTE_HOOKS[cls] = any(attr.count("_") >= 2 for attr in _hooks(cls))
    return found


try:  # libcst's code generator state (internal: without it, module_code is Module.code)
    from libcst._nodes.internal import CodegenState

    class _CodegenState(CodegenState):
        """libcst's state, without a generator-based context manager made for every node: the one libcst
        opens records positions only for its position provider, and is a no-op here."""

        __slots__ = ()

        def record_syntactic_position(self, node, *, start_node=None, end_node=None):
            return _NO_POSITIONS

    _NO_POSITIONS = contextlib.nullcontext()
except ImportError:  # pragma: no cover - another libcst
    _CodegenState = None


def module_code(module: cst.Module) -> str:
    """``module.code`` (what Module.code does, a third faster: the engine reads it after each rewrite)."""
    if _CodegenState is None:
        return module.code
    state = _CodegenState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return "".join(state.tokens)
