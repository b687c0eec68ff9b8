"""Python standard-library functions removed in Python 3.8-3.12, written out with what replaced them: the shims
the python rules copy into a notebook (see old_scipy.py for how shims are used)."""


def linux_distribution(distname="", version="", id="", supported_dists=None, full_distribution_name=1):  # platform.linux_distribution (removed in Python 3.8)
    import platform
    try:
        release = platform.freedesktop_os_release()
    except OSError:
        return distname, version, id
    name = release.get("NAME" if full_distribution_name else "ID", distname)
    return name, release.get("VERSION_ID", version), release.get("VERSION_CODENAME", id)
