"""scikit-image's removed functions, written out with today's API: the shims the skimage-removed-functions and
skimage-morphology-shift rules copy into a notebook (see old_scipy.py for how shims are used). They run in the
notebook's kernel, never here: the imports are inside each function, so a copied shim stands alone."""


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


def montage2d(arr_in, fill="mean", rescale_intensity=False, grid_shape=None, padding_width=0):  # skimage.util.montage2d (removed in scikit-image 0.16): zero padding after each image only, the fill taken before rescaling
    import numpy
    from skimage.exposure import rescale_intensity as rescale
    arr = numpy.asarray(arr_in)
    if isinstance(fill, str) and fill == "mean":
        fill = arr.mean()
    p = padding_width
    arr = numpy.pad(arr, ((0, 0), (0, p), (0, p))) if p > 0 else arr.copy()
    n, height, width = arr.shape
    if rescale_intensity:
        for i in range(n):
            arr[i] = rescale(arr[i])
    rows, cols = grid_shape if grid_shape else (int(numpy.ceil(numpy.sqrt(n))),) * 2
    out = numpy.full((rows * height, cols * width), fill, dtype=arr.dtype)
    for i in range(n):
        r, c = divmod(i, cols)
        out[r * height:(r + 1) * height, c * width:(c + 1) * width] = arr[i]
    return out


def plot_matches(ax, image1, image2, keypoints1, keypoints2, matches, keypoints_color="k", matches_color=None, only_matches=False, alignment="horizontal"):  # skimage.feature.plot_matches (removed in scikit-image 0.25): plot_matched_features, the axes now a keyword
    from skimage.feature import plot_matched_features
    return plot_matched_features(image1, image2, keypoints0=keypoints1, keypoints1=keypoints2, matches=matches, ax=ax,
                                 keypoints_color=keypoints_color, matches_color=matches_color,
                                 only_matches=only_matches, alignment=alignment)


def structure_tensor_eigvals(Axx, Axy, Ayy):  # skimage.feature.structure_tensor_eigvals (removed in scikit-image 0.20): the elements as one list
    from skimage.feature import structure_tensor_eigenvalues
    return structure_tensor_eigenvalues([Axx, Axy, Ayy])


def data_load(f, as_gray=False):  # skimage.data.load (removed in scikit-image 0.18): an image of the data directory
    import os

    from skimage import data, io
    return io.imread(os.path.join(data.data_dir, f), as_gray=as_gray)


def shifted(operation, image, footprint=None, out=None, shift_x=False, shift_y=False, selem=None):  # erosion/dilation(shift_x=, shift_y=) (removed in scikit-image 0.26): an even side of a 2-D footprint padded with zeros after it where shifted, before it otherwise; dilation mirrors it as before
    import numpy

    def padded(fp):
        fp = numpy.asarray(fp)
        if fp.ndim != 2:  # only 2-D footprints were shifted
            return fp
        if fp.shape[0] % 2 == 0:
            row = numpy.zeros((1, fp.shape[1]), fp.dtype)
            fp = numpy.vstack((fp, row) if shift_x else (row, fp))
        if fp.shape[1] % 2 == 0:
            column = numpy.zeros((fp.shape[0], 1), fp.dtype)
            fp = numpy.hstack((fp, column) if shift_y else (column, fp))
        return fp

    footprint = selem if footprint is None else footprint  # selem= was the name until 0.19
    if isinstance(footprint, tuple) and footprint and isinstance(footprint[0], tuple):  # a decomposed footprint
        footprint = tuple((padded(fp), n) for fp, n in footprint)
    elif footprint is not None:
        footprint = padded(footprint)
    return operation(image, footprint, out=out)
