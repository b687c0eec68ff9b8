"""pytorch-ignite 0.2 checkpoints in the full profile's real kernel: ModelCheckpoint's removed keywords fail
only when the trainer first saves; after the static pass the trainer saves a state_dict at every epoch."""

from __future__ import annotations

from support import code_notebook, stdout

OLD = code_notebook(
    "import os, tempfile, torch\nfrom ignite.engine import Engine, Events\nfrom ignite.handlers import ModelCheckpoint\n"
    "folder = tempfile.mkdtemp()\nnet = torch.nn.Linear(2, 1)\ntrainer = Engine(lambda engine, batch: batch)",
    "ckpt = ModelCheckpoint(folder, 'run', save_interval=1, n_saved=3, save_as_state_dict=True, require_empty=False)\n"
    "trainer.add_event_handler(Events.EPOCH_COMPLETED, ckpt, {'net': net})\ntrainer.run([1, 2], max_epochs=2)\n"
    "saved = sorted(os.listdir(folder))\n"
    "print(len(saved), sorted(torch.load(os.path.join(folder, saved[-1]), weights_only=True)))",
)


def test_old_checkpoint_keywords_save_as_they_did(fails_then_runs):
    after = fails_then_runs(OLD, 1, "save_interval", {"ignite-checkpoint-keywords"}, profile="full")
    assert stdout(after.cells[1]) == "2 ['bias', 'weight']\n"
