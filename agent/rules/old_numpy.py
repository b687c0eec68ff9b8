"""numpy's removed functions, written out with today's API: the shims the numpy-removed-functions rule copies
into a notebook where no one-name replacement exists (see old_scipy.py for how they are used)."""




def source(object, output=None):  # numpy.source (removed in numpy 2.0): print where an object is defined, and its code
    import inspect
    import sys
    output = output or sys.stdout
    try:
        print("In file: %s\n" % inspect.getsourcefile(object), file=output)
        print(inspect.getsource(object), file=output)
    except Exception:
        print("Not available for this object.", file=output)


def who(vardict=None):  # numpy.who (removed in numpy 2.0): the arrays of the namespace with their shape, bytes, type
    import sys

    import numpy
    if vardict is None:
        vardict = sys._getframe().f_back.f_globals
    rows, seen = [], {}
    for name, var in list(vardict.items()):
        if isinstance(var, numpy.ndarray):
            first = id(var) not in seen
            seen.setdefault(id(var), name)
            rows.append((name if first else f"{name} ({seen[id(var)]})", " x ".join(map(str, var.shape)),
                         str(var.nbytes), var.dtype.name, first))
    if rows:
        sp1, sp2, sp3 = (max(10, max(len(r[i]) for r in rows)) for i in range(3))
        head = "Name %s Shape %s Bytes %s Type" % (sp1 * " ", sp2 * " ", sp3 * " ")
        print(head + "\n" + "=" * (len(head) + 5) + "\n")
        for r in rows:
            print("%s %s %s %s %s %s %s" % (r[0], " " * (sp1 - len(r[0]) + 4), r[1], " " * (sp2 - len(r[1]) + 5),
                                            r[2], " " * (sp3 - len(r[2]) + 5), r[3]))
    print("\nUpper bound on total bytes  =       %d" % sum(int(r[2]) for r in rows if r[4]))


def lookfor(what, module=None, import_modules=True, regenerate=False, output=None):  # numpy.lookfor (removed in numpy 2.0): numpy's functions whose docs name every word
    import sys

    import numpy
    words = what.lower().split()
    found = []
    for name in sorted(dir(numpy)):
        doc = (getattr(getattr(numpy, name, None), "__doc__", None) or "").strip()
        if not name.startswith("_") and doc and all(w in (name + " " + doc).lower() for w in words):
            found.append("numpy.%s\n    %s" % (name, doc.splitlines()[0]))
    head = "Search results for '%s'" % what
    print(head + "\n" + "-" * len(head) + "\n" + "\n".join(found), file=output or sys.stdout)


def disp(mesg, device=None, linefeed=True):  # numpy.disp (removed in numpy 2.4): print, flushed
    import sys
    device = device or sys.stdout
    device.write("%s\n" % mesg if linefeed else "%s" % mesg)
    device.flush()


def sctype2char(sctype):  # numpy.sctype2char (removed in numpy 2.0): the one-letter code of a scalar type
    import numpy
    return numpy.dtype(sctype).char


def obj2sctype(rep, default=None):  # numpy.obj2sctype (removed in numpy 2.0): the scalar type of a dtype, array or type
    import numpy
    if isinstance(rep, type) and issubclass(rep, numpy.generic):
        return rep
    if isinstance(rep, numpy.ndarray):
        return rep.dtype.type
    try:
        return numpy.dtype(rep).type
    except Exception:
        return default


def maximum_sctype(t):  # numpy.maximum_sctype (removed in numpy 2.0): the widest scalar type of t's kind (x86-64)
    import numpy
    try:
        g = t if isinstance(t, type) and issubclass(t, numpy.generic) else (
            t.dtype.type if isinstance(t, numpy.ndarray) else numpy.dtype(t).type)
    except Exception:
        return t
    return {"i": numpy.int64, "u": numpy.uint64, "f": numpy.longdouble, "c": numpy.clongdouble}.get(
        numpy.dtype(g).kind, g)


def find_common_type(array_types, scalar_types):  # numpy.find_common_type (removed in numpy 2.0), numpy 1.x's rules
    import numpy
    order = "?bBhHiIlLqQefdgFDGO"  # numpy 1.x's __test_types
    kinds = ["b", "u", "i", "f", "c", "S", "U", "V", "O", "M", "m"]

    def coerce_all(dtypes, start=0):
        if not dtypes:
            return None
        if len(dtypes) == 1:
            return dtypes[0]
        for code in order[start:]:
            if all(numpy.dtype(code) >= d for d in dtypes):
                return numpy.dtype(code)
        return None

    array_types = [numpy.dtype(x) for x in array_types]
    scalar_types = [numpy.dtype(x) for x in scalar_types]
    maxa, maxsc = coerce_all(array_types), coerce_all(scalar_types)
    if maxa is None or maxsc is None:
        return maxsc if maxa is None else maxa
    try:
        if kinds.index(maxsc.kind) <= kinds.index(maxa.kind):
            return maxa
    except ValueError:
        return None
    if maxsc > maxa:
        return maxsc
    return coerce_all([maxsc, maxa], start=order.index(maxsc.char)) if maxsc.char in order else None


def set_string_function(f, repr=True):  # numpy.set_string_function (removed in numpy 2.0): arrays' repr is f
    import numpy
    if repr:
        numpy.set_printoptions(override_repr=f)
    elif f is not None:
        raise NotImplementedError("numpy 2 can replace the repr of arrays (set_printoptions(override_repr=)), "
                                  "not their str")


def recfromcsv(fname, **kwargs):  # numpy.recfromcsv (removed in numpy 2.0): genfromtxt with CSV defaults, as a recarray
    import numpy
    kwargs.setdefault("case_sensitive", "lower")
    kwargs.setdefault("names", True)
    kwargs.setdefault("delimiter", ",")
    kwargs.setdefault("dtype", None)
    output = numpy.genfromtxt(fname, **kwargs)
    if kwargs.get("usemask", False):
        from numpy.ma.mrecords import MaskedRecords
        return output.view(MaskedRecords)
    return output.view(numpy.recarray)


def recfromtxt(fname, **kwargs):  # numpy.recfromtxt (removed in numpy 2.0): genfromtxt as a record array
    import numpy
    kwargs.setdefault("dtype", None)
    output = numpy.genfromtxt(fname, **kwargs)
    if kwargs.get("usemask", False):
        from numpy.ma.mrecords import MaskedRecords
        return output.view(MaskedRecords)
    return output.view(numpy.recarray)


def inner1d(a, b):  # numpy.core.umath_tests.inner1d (removed in numpy 2.0): the inner product over the last axis
    import numpy
    return numpy.einsum("...i,...i->...", a, b)


def innerwt(a, b, w):  # numpy.core.umath_tests.innerwt (removed in numpy 2.0): the weighted inner product
    import numpy
    return numpy.einsum("...i,...i,...i->...", a, b, w)


def asbytes(s):  # numpy.compat.asbytes (removed in numpy 2.0)
    return s if isinstance(s, bytes) else str(s).encode("latin1")


def asstr(s):  # numpy.compat.asstr (removed in numpy 2.0)
    return s.decode("latin1") if isinstance(s, bytes) else str(s)


def asunicode(s):  # numpy.compat.asunicode (removed in numpy 2.0)
    return s.decode("latin1") if isinstance(s, bytes) else str(s)


def is_pathlib_path(obj):  # numpy.compat.is_pathlib_path (removed in numpy 2.0)
    import pathlib
    return isinstance(obj, pathlib.PurePath)


class cast:  # numpy.cast (removed in numpy 2.0): cast[t](x) is x as an array of type t
    def __class_getitem__(cls, t):
        import numpy
        return lambda x: numpy.asarray(x).astype(t)


def int_shape(shape):  # a shape with float sizes, as numpy before 1.12 read it: int() of the number or of each size
    import operator
    try:
        return operator.index(shape)
    except TypeError:
        pass
    try:
        len(shape)
    except TypeError:  # a float, a numpy float, a 0-d array
        return int(shape)
    return tuple(int(size) for size in shape)


def old_index(array, key):  # an array's index as numpy before 1.12 read it: a float truncated, a list of floats cast
    import numpy
    if not isinstance(array, numpy.ndarray):  # another container takes its key as it is
        return key
    if isinstance(key, (float, numpy.floating)):
        return int(key)
    if isinstance(key, slice):  # each float bound truncated too
        return slice(*(int(v) if isinstance(v, (float, numpy.floating)) else v for v in (key.start, key.stop, key.step)))
    if isinstance(key, list) and numpy.asarray(key).dtype.kind == "f":
        return numpy.asarray(key).astype(numpy.intp)
    return key


def old_item(array, key):  # array[key] as numpy before 1.12 read a float index (old_index, for each part of a tuple)
    if isinstance(key, tuple):
        return array[tuple(old_index(array, k) for k in key)]
    return array[old_index(array, key)]


def old_subtract(a, b):  # a - b as numpy before 1.13 computed it for two booleans: their logical xor (BOOL_subtract)
    import numpy
    numpy_operand = isinstance(a, (numpy.ndarray, numpy.generic)) or isinstance(b, (numpy.ndarray, numpy.generic))
    if numpy_operand and numpy.result_type(a, b) == numpy.bool_:
        return numpy.logical_xor(a, b)
    return a - b


def old_negative(a):  # -a as numpy before 1.13 computed it for booleans: their logical not (BOOL_negative)
    import numpy
    if isinstance(a, (numpy.ndarray, numpy.generic)) and a.dtype == numpy.bool_:
        return numpy.logical_not(a)
    return -a


def old_truth(value):  # the truth of value, with numpy before 2.2's False for an empty array (deprecated from 1.14)
    import numpy
    if isinstance(value, numpy.ndarray) and value.size == 0:
        return False
    return bool(value)
