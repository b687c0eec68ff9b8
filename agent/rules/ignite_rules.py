"""pytorch-ignite 0.3: ModelCheckpoint's save_interval= and save_as_state_dict= were removed.

Both fail only when the trainer first calls the handler (``save() got an unexpected keyword argument``), far
from the line that wrote them, so they are dropped where the handler is made: save_interval=1 saved at every
call, as the handler does now, and save_as_state_dict=True (the old default) is what a checkpoint always holds.
save_interval=n > 1 becomes an event filter on the add_event_handler call, and save_as_state_dict=False pickled
whole models that the code loading them reads: both are left to the author.
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, callee_name, kwarg, remove_kwarg, rule

_DROPPED_WHEN = {"save_interval": m.Integer("1"), "save_as_state_dict": m.Name("True")}


@rule(
    "ignite-checkpoint-keywords",
    library="pytorch-ignite",
    changed_in="pytorch-ignite 0.3",
    rationale="ModelCheckpoint(save_interval=1) and (save_as_state_dict=True) asked for what the handler does "
    "now (save at every call, the state_dict); the removed keywords are dropped where the handler is made.",
    needles=("save_interval", "save_as_state_dict"),
    gate=lambda ctx, code: "ignite" in ctx.text,
    signatures=(("TypeError", r"unexpected keyword argument '(save_interval|save_as_state_dict)'"),),
    examples=(
        ("from ignite.handlers import ModelCheckpoint\n"
         "ckpt = ModelCheckpoint(d, 'net', save_interval=1, n_saved=2, save_as_state_dict=True)\n"
         "every3 = ModelCheckpoint(d, 'net', save_interval=3)",
         "from ignite.handlers import ModelCheckpoint\nckpt = ModelCheckpoint(d, 'net', n_saved=2)\n"
         "every3 = ModelCheckpoint(d, 'net', save_interval=3)"),
    ),
)
class CheckpointKeywords(RuleTransformer):
    def leave_Call(self, original, updated):
        if callee_name(updated) != "ModelCheckpoint":
            return updated
        for name, dropped in _DROPPED_WHEN.items():
            given = kwarg(updated, name)
            if given is not None and m.matches(given.value, dropped):
                updated = remove_kwarg(updated, name)
        return updated
