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

import ast
import contextlib
import dataclasses
import inspect
import textwrap
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
        # Fields that hold only whitespace add no bit a rule can want (a rule that hooks a whitespace
        # type skips nothing: ALL): a node whose fields are all such is a token.
        fields = tuple(name for name in fields if not all(issubclass(c, _WHITESPACE) for c in held[name]))
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
    """``module.code`` (what Module.code does, a third faster: the engine reads it after each rewrite).
    A top-level statement that the last rewrite kept (the same object: see ``visit``) reuses its tokens."""
    if _CodegenState is None or type(module) is not cst.Module:
        return module.code
    indent, newline = module.default_indent, module.default_newline
    state = _CodegenState(default_indent=indent, default_newline=newline)
    tokens = state.tokens
    for node in module.header:
        node._codegen(state)
    for stmt in module.body:  # Module._codegen_impl, statement by statement
        hit = _TOKENS.get(id(stmt))
        if hit is not None and hit[0] is stmt and hit[1] == indent and hit[2] == newline:
            tokens.extend(hit[3])
            continue
        start = len(tokens)
        stmt._codegen(state)  # at the top level: no indentation before or after
        if len(_TOKENS) >= _MAX_TOKENS:
            _TOKENS.clear()
        _TOKENS[id(stmt)] = (stmt, indent, newline, tokens[start:])
    for node in module.footer:
        node._codegen(state)
    if module.has_trailing_newline:
        if not tokens:
            state.add_token(newline)
    else:
        state.pop_trailing_newline()
    return "".join(tokens)


# id(statement) -> (statement, indent, newline, its tokens): top-level statements, kept like MASKS (the
# entry holds the statement so that its id stays its own).
_TOKENS: dict[int, tuple[cst.CSTNode, str, str, list[str]]] = {}
_MAX_TOKENS = 2_000


# --------------------------------------------------------------------------- a visit that keeps unchanged nodes
#
# libcst's ``node.visit(transformer)`` rebuilds every node it descends into, changed or not: a rule that
# hooks ``Call`` rebuilt nearly the whole cell, and the next rule found new nodes whose masks (above) and
# code had to be worked out again. ``visit`` does what libcst's does, hook for hook and in the same order,
# but returns a node as it was when none of its fields changed. Each node type's visit is read from
# libcst's own ``_visit_and_replace_children`` (``_plan``): a single ``return Type(field=visit_X(self,
# "field", self.field, visitor), ...)`` over every field. A type whose method says anything else is
# visited by libcst's method (its subtree then by libcst, as before).

_COPY, _REQUIRED, _OPTIONAL, _SENTINEL, _SEQUENCE, _BODY = range(6)
_KINDS = {"visit_required": _REQUIRED, "visit_optional": _OPTIONAL, "visit_sentinel": _SENTINEL,
          "visit_sequence": _SEQUENCE, "visit_body_sequence": _BODY}
_PLANS: dict[type, tuple[tuple[str, int], ...] | None] = {}
# Deeper than this, the rule runs on libcst's visit: its recursion, a few frames a level, decides
# where a tree is too deep (RecursionError), as it did before.
MAX_DEPTH = 100


class TooDeep(Exception):
    """The tree is deeper than ``MAX_DEPTH``: visit it with libcst."""


def _plan(cls: type) -> tuple[tuple[str, int], ...] | None:
    """``cls``'s fields in the order libcst visits them, each with how; None when its visit is not that plain."""
    if cls in _PLANS:
        return _PLANS[cls]
    plan = None
    try:
        source = textwrap.dedent(inspect.getsource(cls._visit_and_replace_children))
        body = [s for s in ast.parse(source).body[0].body
                if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == cls.__name__ \
                and not call.args:
            steps = [_step(k) for k in call.keywords]
            names = sorted(dataclasses.fields(cls), key=lambda f: f.name)
            if None not in steps and sorted(s[0] for s in steps) == [f.name for f in names]:
                plan = tuple(steps)
    except Exception:  # noqa: BLE001 - no source, another shape: libcst's own method visits it
        plan = None
    _PLANS[cls] = plan
    return plan


def _step(keyword: ast.keyword) -> tuple[str, int] | None:
    """(field, how) for ``field=self.field`` or ``field=visit_X(self, "field", self.field, visitor)``."""
    name, value = keyword.arg, keyword.value
    if ast.unparse(value) == f"self.{name}":
        return name, _COPY
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _KINDS \
            and [ast.unparse(a) for a in value.args] == ["self", repr(name), f"self.{name}", "visitor"]:
        return name, _KINDS[value.func.id]
    return None


def visit_modes(cls: type, base: type) -> tuple[bool, bool]:
    """Whether ``visit`` may run transformers of ``cls`` (a subclass of ``base``, framework's RuleTransformer,
    without attribute hooks: ``visit`` leaves their calls out), and whether with ``plain``: ``cls``'s
    on_visit and on_leave are ``base``'s, and theirs ``super()`` libcst's."""
    if not issubclass(cls, base) or has_attribute_hooks(cls) or any(
            getattr(cls, h) is not getattr(base, h) for h in ("on_visit_attribute", "on_leave_attribute")):
        return False, False
    after = cls.__mro__[cls.__mro__.index(base) + 1:]
    return True, all(getattr(cls, h) is getattr(base, h) and next(k for k in after if h in vars(k)) is _BASE
                     for h in ("on_visit", "on_leave"))


def visit(module: cst.Module, visitor: cst.CSTTransformer, plain: bool = False):
    """``module.visit(visitor)`` for a transformer without attribute hooks (their calls are left out), the
    nodes whose fields did not change returned as they were rather than rebuilt. ``plain``: the visitor's
    ``on_visit`` and ``on_leave`` are those of framework.RuleTransformer (see ``_plain_walk``). Raises
    ``TooDeep``."""
    return (_plain_walk if plain else _walk)(module, visitor, 0)


def _walk(node: cst.CSTNode, visitor: cst.CSTTransformer, depth: int):
    if visitor.on_visit(node):
        updated = _replace(node, visitor, depth, _walk)
    else:
        updated = node
    return _checked(visitor.on_leave(node, updated))


_ON_VISIT, _ON_LEAVE = cst.CSTTransformer.on_visit, cst.CSTTransformer.on_leave


def _plain_walk(node: cst.CSTNode, visitor, depth: int):
    """``_walk`` with framework.RuleTransformer's on_visit and on_leave inlined: a subtree without a type
    the rule hooks is returned with no call at all (on_visit would say False, on_leave give it back), a
    node of a type it does not hook without libcst's hook lookup."""
    interest = visitor._interest
    info = INFO.get(type(node))
    if info is not None and not info[1]:  # a token: its mask is its own type's bit
        if not info[0] & interest:
            return node
    else:
        hit = MASKS.get(id(node))
        if not (hit[0] if hit is not None and hit[1] is node else kinds_below(node)) & interest:
            return node
        info = INFO.get(type(node))
    hooked = info is None or info[0] & interest
    if not hooked or _ON_VISIT(visitor, node):  # _replace, inlined: this runs for every node of the walk
        plan = _PLANS[type(node)] if type(node) in _PLANS else _plan(type(node))
        if plan is None:
            updated = node._visit_and_replace_children(visitor)  # its subtree on libcst's visit
        elif depth >= MAX_DEPTH:
            raise TooDeep
        else:
            updated = _children(node, plan, visitor, depth + 1, _plain_walk, interest)
    else:
        updated = node
    if not hooked:
        return updated
    result = _ON_LEAVE(visitor, node, updated)
    if result is not updated:
        visitor.changed = True
    return _checked(result)


def _checked(result):
    if not isinstance(result, (cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel)):
        raise cst.CSTValidationError(
            f"Expected a node of type CSTNode or a RemovalSentinel, but got a return value of {type(result).__name__}")
    return result


def _replace(node: cst.CSTNode, visitor, depth: int, walk) -> cst.CSTNode:
    """The node with its children visited (``walk``), as libcst's ``_visit_and_replace_children``."""
    plan = _PLANS[type(node)] if type(node) in _PLANS else _plan(type(node))
    if plan is None:
        return node._visit_and_replace_children(visitor)  # its subtree on libcst's visit
    if depth >= MAX_DEPTH:
        raise TooDeep
    return _children(node, plan, visitor, depth + 1, walk, None)


def _children(node: cst.CSTNode, plan, visitor, depth: int, walk, interest: int | None) -> cst.CSTNode:
    """libcst's ``_visit_and_replace_children`` (internal.py's visit_required & co.), without the rebuild
    when every field is the same object as before (a sequence: a tuple of the same objects). With
    ``interest`` (``_plain_walk``'s): a token of a type not in it is kept without a call, as that walk would."""
    values, changed = [], False
    for name, how in plan:
        old = getattr(node, name)
        if how is _COPY:
            new = old
        elif interest is not None and (info := INFO.get(type(old))) is not None and not info[1] \
                and not info[0] & interest:
            new = old  # a whitespace or punctuation node (one field, not a sequence) no hook reads
        elif how is _REQUIRED:
            new = walk(old, visitor, depth)
            if new is not old and isinstance(new, _SENTINELS):
                raise TypeError(f"{type(new).__name__} while visiting a {type(old).__name__}: not allowed here")
        elif how is _OPTIONAL or how is _SENTINEL:
            empty = None if how is _OPTIONAL else cst.MaybeSentinel.DEFAULT
            if (old is None) if how is _OPTIONAL else isinstance(old, cst.MaybeSentinel):
                new = empty
            else:
                new = walk(old, visitor, depth)
                if new is not old:
                    if isinstance(new, cst.FlattenSentinel):
                        raise TypeError(f"FlattenSentinel while visiting a {type(old).__name__}: not allowed here")
                    if isinstance(new, cst.RemovalSentinel):
                        new = empty
        else:
            items, same = [], type(old) is tuple
            for child in old:
                result = walk(child, visitor, depth)
                if result is child:
                    items.append(result)
                    continue
                same = False
                if isinstance(result, cst.RemovalSentinel):
                    continue
                if how is _BODY:  # visit_body_iterable: a statement emptied by a removal is dropped
                    kept = not child._is_removable()
                    parts = result if isinstance(result, cst.FlattenSentinel) else (result,)
                    items.extend(p for p in parts if not (kept and p._is_removable()))
                elif isinstance(result, cst.FlattenSentinel):
                    items.extend(result)
                else:
                    items.append(result)
            new = old if same else tuple(items)
        if new is not old:
            changed = True
        values.append(new)
    if not changed:
        return node
    return type(node)(**{name: value for (name, _), value in zip(plan, values)})


_SENTINELS = (cst.RemovalSentinel, cst.FlattenSentinel)
