"""`mlemod env build` and `mlemod env info`: the fixed modern environment as a Docker image; `mlemod env nltk`:
the NLTK data of the local one, completed where it was built without them."""

from __future__ import annotations

import argparse
import json
import sys

from . import image as env_image
from . import nltk_data
from .lockenv import PROFILES, built_python


def register(subparsers) -> None:
    parser = subparsers.add_parser("env", help="the locked environment: its Docker image (build, info) and the "
                                               "local one's NLTK data (nltk)")
    sub = parser.add_subparsers(dest="env_command", metavar="ACTION", required=True)

    build = sub.add_parser("build", help="build and tag the image from the environment lock")
    build.add_argument("--base", default=env_image.DEFAULT_BASE,
                       help=f"base image with Python 3.11 (default {env_image.DEFAULT_BASE}; "
                            "executor/image/base-image.sh makes one without a registry)")
    build.add_argument("--profile", choices=PROFILES, default="tabular",
                       help="tabular (default) or full (adds tensorflow-cpu, keras 3, tf_keras, torch CPU)")
    build.add_argument("--force", action="store_true", help="rebuild even if the tagged image exists")
    build.set_defaults(func=_build)

    info = sub.add_parser("info", help="image id, digest, Python and package versions")
    info.add_argument("--profile", choices=PROFILES, default="tabular")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.set_defaults(func=_info)

    nltk = sub.add_parser(
        "nltk", help="install the NLTK data the local environment lacks",
        description="Install into the local environment the NLTK data packages of executor/image/nltk-data.txt that "
                    f"it does not hold yet (its build could not reach them), from NLTK's index or from "
                    f"${nltk_data.SOURCE_VARIABLE} (a folder laid out as that index). Exit 0 when every package is "
                    "installed, 1 when some are still missing, 3 when the environment is not built yet. A Docker "
                    "image takes the data when it is built next (mlemod env build --force).")
    nltk.add_argument("--profile", choices=PROFILES, default="tabular")
    nltk.set_defaults(func=_nltk)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    client = env_image.docker_client()
    existing = env_image.find_image(client, args.profile)
    if existing is not None and not args.force:
        print(f"{env_image.image_tag(args.profile)} is already built ({existing.short_id}); --force rebuilds it")
        return 0
    image = env_image.build_image(args.profile, args.base, client=client, progress=_say)
    print(f"built {env_image.image_tag(args.profile)} ({image.short_id})")
    return 0


def _info(args: argparse.Namespace) -> int:
    info = env_image.image_info(args.profile)
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print(f"image    {info['tag']}")
    print(f"id       {info['id']}")
    print(f"digest   {info['digest']}")
    print(f"size     {info['size_mb']} MB")
    print(f"lock     {info['labels'].get('org.mlemodernizer.lock-hash', '?')}")
    print(f"python   {info['python']}")
    width = max((len(name) for name in info["packages"]), default=0)
    for name, version in sorted(info["packages"].items()):
        print(f"  {name:<{width}}  {version}")
    return 0


def _nltk(args: argparse.Namespace) -> int:
    python = built_python(args.profile)
    if python is None:
        print(f"error: the {args.profile} environment is not built here yet; `mlemod run` (or repair) builds it "
              "and installs the NLTK data then", file=sys.stderr)
        return 3
    record = nltk_data.complete(python, python.parent.parent / "nltk_data")
    packages = record["packages"]
    for pkg, ok in packages.items():
        print(f"{pkg:<32} {'installed' if ok else 'missing: ' + record['missing'][pkg]}")
    missing = [pkg for pkg, ok in packages.items() if not ok]
    print(f"{len(packages) - len(missing)} of {len(packages)} installed (source: {record['source']})")
    return 1 if missing else 0
