"""scikit-image's removed functions, written out with today's API: the shims the skimage-removed-functions rule
copies into a notebook (see old_scipy.py for how shims are used). They run in the notebook's kernel, never here:
the imports are inside each function, so a copied shim stands alone."""


def circle(r, c, radius, shape=None):  # skimage.draw.circle (removed in scikit-image 0.19): disk under its old name and arguments, the same pixels
    from skimage.draw import disk
    return disk((r, c), radius, shape=shape)


def threshold_adaptive(image, block_size, method="gaussian", offset=0, mode="reflect", param=None):  # skimage.filters.threshold_adaptive (removed in scikit-image 0.15): the binary image, not the threshold
    from skimage.filters import threshold_local
    return image > threshold_local(image, block_size, method=method, offset=offset, mode=mode, param=param)


def register_translation(src_image, target_image, upsample_factor=1, space="real", return_error=True):  # skimage.feature.register_translation (removed in scikit-image 0.19): phase_cross_correlation without its 0.19 normalisation
    from skimage.registration import phase_cross_correlation
    shift, error, phasediff = phase_cross_correlation(src_image, target_image, upsample_factor=upsample_factor,
                                                      space=space, normalization=None)
    return (shift, error, phasediff) if return_error else shift


def peak_local_max_mask(image, *args, **kwargs):  # peak_local_max(..., indices=False) (removed in scikit-image 0.20): the peaks as a mask the image's shape
    import numpy
    from skimage.feature import peak_local_max
    mask = numpy.zeros(numpy.shape(image), dtype=bool)
    mask[tuple(peak_local_max(image, *args, **kwargs).T)] = True
    return mask
