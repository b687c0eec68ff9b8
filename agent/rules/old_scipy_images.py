"""scipy.misc's image functions (removed in scipy 1.2 and 1.3), written with PIL as scipy wrote them: the shims
the scipy-removed-functions rule copies into a notebook. scipy's own bytescale is inlined where a function used it,
so each shim stands alone (see old_scipy.py for how shims are used)."""


def imread(name, flatten=False, mode=None):  # scipy.misc.imread (removed in scipy 1.2): PIL, as scipy read images
    import numpy
    from PIL import Image
    im = Image.open(name)
    if mode is not None:
        im = im.convert(mode) if mode != im.mode else im
    elif im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if flatten:
        im = im.convert("F")
    elif im.mode == "1":
        im = im.convert("L")
    return numpy.array(im)


def imresize(arr, size, interp="bilinear", mode=None):  # scipy.misc.imresize (removed in scipy 1.3): bytescale, PIL resize
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if mode == "F":
        im = Image.fromarray(a.astype(numpy.float32))
    else:
        if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
            lo, hi = a.min(), a.max()
            a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
        im = Image.fromarray(a) if mode is None else Image.fromarray(a).convert(mode)
    if numpy.issubdtype(type(size), numpy.signedinteger):
        size = tuple(int(v) for v in (numpy.array(im.size) * (size / 100.0)).astype(int))
    elif numpy.issubdtype(type(size), numpy.floating):
        size = tuple(int(v) for v in (numpy.array(im.size) * size).astype(int))
    else:
        size = (int(size[1]), int(size[0]))
    resample = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "cubic": 3}[interp]
    return numpy.array(im.resize(size, resample=resample))


def imsave(name, arr, format=None):  # scipy.misc.imsave (removed in scipy 1.2): bytescale, save with PIL
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    Image.fromarray(a).save(name, format)


def toimage(arr, high=255, low=0, cmin=None, cmax=None, pal=None, mode=None, channel_axis=None):  # scipy.misc.toimage (removed in scipy 1.2)
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if mode == "F":
        return Image.fromarray(a.astype(numpy.float32))
    if a.dtype != numpy.uint8:  # scipy's bytescale: cmin..cmax onto low..high
        cmin = a.min() if cmin is None else cmin
        cmax = a.max() if cmax is None else cmax
        a = (((a - cmin) * (float(high - low) / ((cmax - cmin) or 1)) + low).clip(low, high) + 0.5).astype(numpy.uint8)
    if channel_axis is not None and a.ndim == 3:
        a = numpy.moveaxis(a, channel_axis, -1)
    return Image.fromarray(a) if mode is None else Image.fromarray(a).convert(mode)


def bytescale(data, cmin=None, cmax=None, high=255, low=0):  # scipy.misc.bytescale (removed in scipy 1.2)
    import numpy
    data = numpy.asarray(data)
    if data.dtype == numpy.uint8:
        return data
    if high > 255 or low < 0 or high < low:
        raise ValueError("bytescale needs 0 <= low <= high <= 255.")
    cmin = data.min() if cmin is None else cmin
    cmax = data.max() if cmax is None else cmax
    if cmax - cmin < 0:
        raise ValueError("`cmax` should be larger than `cmin`.")
    scale = float(high - low) / ((cmax - cmin) or 1)
    return (((data - cmin) * scale + low).clip(low, high) + 0.5).astype(numpy.uint8)


def imrotate(arr, angle, interp="bilinear"):  # scipy.misc.imrotate (removed in scipy 1.2): bytescale, PIL rotate
    import numpy
    from PIL import Image
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    resample = {"nearest": 0, "lanczos": 1, "bilinear": 2, "bicubic": 3, "cubic": 3}[interp]
    return numpy.array(Image.fromarray(a).rotate(angle, resample=resample))


def imfilter(arr, ftype):  # scipy.misc.imfilter (removed in scipy 1.2): bytescale, a PIL ImageFilter by name
    import numpy
    from PIL import Image, ImageFilter
    filters = {"blur": ImageFilter.BLUR, "contour": ImageFilter.CONTOUR, "detail": ImageFilter.DETAIL,
               "edge_enhance": ImageFilter.EDGE_ENHANCE, "edge_enhance_more": ImageFilter.EDGE_ENHANCE_MORE,
               "emboss": ImageFilter.EMBOSS, "find_edges": ImageFilter.FIND_EDGES, "smooth": ImageFilter.SMOOTH,
               "smooth_more": ImageFilter.SMOOTH_MORE, "sharpen": ImageFilter.SHARPEN}
    if ftype not in filters:
        raise ValueError("Unknown filter type.")
    a = numpy.asarray(arr)
    if a.dtype != numpy.uint8:  # scipy's bytescale: the data's range onto 0..255
        lo, hi = a.min(), a.max()
        a = (((a - lo) * (255.0 / ((hi - lo) or 1))).clip(0, 255) + 0.5).astype(numpy.uint8)
    return numpy.array(Image.fromarray(a).filter(filters[ftype]))
