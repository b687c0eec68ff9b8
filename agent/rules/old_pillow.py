"""Pillow's removed ImageOps blurs, written out with today's API: the shims the pillow-imageops-blurs rule copies
into a notebook (see old_scipy.py for how shims are used). Read from Pillow 5.4.1, the last release with them
(removed in 6.0): each ran the core blur its ImageFilter class runs, with its own defaults where the class has
others (a radius of 5, not 2). gaussian_blur and unsharp_mask handed back the core image itself, whose size, mode
and pixel methods the Image returned here also has; box_blur already returned an Image."""


def gaussian_blur(im, radius=None):  # PIL.ImageOps.gaussian_blur / gblur (removed in Pillow 6.0): a radius of 5 when none is given
    from PIL import ImageFilter
    return im.filter(ImageFilter.GaussianBlur(5.0 if radius is None else radius))


def unsharp_mask(im, radius=None, percent=None, threshold=None):  # PIL.ImageOps.unsharp_mask / usm (removed in Pillow 6.0): radius 5, 150 percent, threshold 3 when not given
    from PIL import ImageFilter
    return im.filter(ImageFilter.UnsharpMask(5.0 if radius is None else radius, 150 if percent is None else percent,
                                             3 if threshold is None else threshold))


def box_blur(image, radius):  # PIL.ImageOps.box_blur (removed in Pillow 6.0): ImageFilter.BoxBlur's core blur
    from PIL import ImageFilter
    return image.filter(ImageFilter.BoxBlur(radius))
