"""pyarrow 9-15: the IPC readers one module down, the legacy Parquet dataset reader and the '2.0' format gone.

pa.open_stream / pa.open_file are pyarrow.ipc's (the same readers); use_legacy_dataset=False asked for the
dataset reader that is now the only one (True asked for the removed one, whose partition columns came back
with another dtype: left to the author); the Parquet format version '2.0' enabled every 2.x feature, which
'2.6' names today (pandas' to_parquet passes the keyword on to pyarrow).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from .framework import RuleTransformer, callee_name, kwarg, remove_kwarg, rule, set_kwarg_value, string_value

_IPC = ("open_stream", "open_file")
_LEGACY_USERS = ("read_table", "ParquetDataset", "read_pandas")
_VERSION_USERS = ("write_table", "to_parquet", "ParquetWriter")


@rule(
    "pyarrow-removed-api",
    library="pyarrow",
    changed_in="pyarrow 9.0 (top-level IPC readers), 13.0 (format '2.0'), 15.0 (legacy dataset reader)",
    rationale="pa.open_stream/open_file are pa.ipc.open_stream/open_file; use_legacy_dataset=False (today's "
    "reader, the only one) is dropped; Parquet version='2.0' is '2.6', the name of the same 2.x features.",
    needles=(*_IPC, "use_legacy_dataset", "version="),
    gate=lambda ctx, code: "pyarrow" in ctx.text or "parquet" in ctx.text,
    signatures=(("AttributeError", r"module 'pyarrow' has no attribute '(open_stream|open_file)'"),
                ("TypeError", r"unexpected keyword argument 'use_legacy_dataset'"),
                ("ValueError", r"Unsupported Parquet format version: 2\.0")),
    examples=(
        ("import pyarrow as pa\nimport pyarrow.parquet as pq\nreader = pa.open_stream(buf)\n"
         "t = pq.read_table(path, use_legacy_dataset=False)\npq.write_table(t, out, version='2.0')\n"
         "df.to_parquet(out, version='2.0')\nold = pq.read_table(path, use_legacy_dataset=True)",
         "import pyarrow as pa\nimport pyarrow.parquet as pq\nreader = pa.ipc.open_stream(buf)\n"
         "t = pq.read_table(path)\npq.write_table(t, out, version='2.6')\n"
         "df.to_parquet(out, version='2.6')\nold = pq.read_table(path, use_legacy_dataset=True)"),
    ),
)
class PyarrowRemoved(RuleTransformer):
    def leave_Attribute(self, original, updated):
        if updated.attr.value in _IPC and isinstance(updated.value, cst.Name) \
                and self.ctx.imported.get(updated.value.value) == "pyarrow":
            return updated.with_changes(value=cst.Attribute(updated.value, cst.Name("ipc")))
        return updated

    def leave_Call(self, original, updated):
        name = callee_name(updated)
        legacy = kwarg(updated, "use_legacy_dataset")
        if name in _LEGACY_USERS and legacy is not None and m.matches(legacy.value, m.Name("False")):
            return remove_kwarg(updated, "use_legacy_dataset")
        version = kwarg(updated, "version")
        if name in _VERSION_USERS and version is not None and string_value(version.value) == "2.0":
            return set_kwarg_value(updated, "version", "'2.6'")
        return updated
