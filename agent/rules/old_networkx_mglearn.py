"""networkx's and mglearn's removed functions, written out with today's API: the shims the networkx-info-node and
mglearn-make-blobs-module rules copy into a notebook (see old_scipy.py for how shims are used). They run in the
notebook's kernel, never here: the imports are inside each function, so a copied shim stands alone."""


def info_node(G, n):  # networkx.info(G, n) (removed in networkx 3.0): the one-node report of 1.x-2.8, degree and neighbours
    import networkx
    if n not in G:
        raise networkx.NetworkXError(f"node {n} not in graph")
    return (f"Node {n} has the following properties:\nDegree: {G.degree(n)}\nNeighbors: "
            + " ".join(str(nbr) for nbr in G.neighbors(n)))


def make_blobs(n_samples=100, n_features=2, centers=2, cluster_std=1.0, center_box=(-10.0, 10.0), shuffle=True, random_state=None):  # mglearn.make_blobs.make_blobs (removed in mglearn 0.2): two centres by default, the same draws as mglearn 0.1's copy of scikit-learn's generator
    import numbers

    import numpy
    from sklearn.utils import check_array, check_random_state
    from sklearn.utils import shuffle as shuffled
    rng = check_random_state(random_state)
    if isinstance(centers, numbers.Integral):
        centers = rng.uniform(center_box[0], center_box[1], size=(centers, n_features))
    else:
        centers = check_array(centers)
        n_features = centers.shape[1]
    if isinstance(cluster_std, numbers.Real):
        cluster_std = numpy.ones(len(centers)) * cluster_std
    k = centers.shape[0]
    if isinstance(n_samples, numbers.Integral):  # the remainder goes one each to the first centres
        counts = [n_samples // k + (1 if i < n_samples % k else 0) for i in range(k)]
    else:
        counts = n_samples
    X, y = [], []
    for i, (count, std) in enumerate(zip(counts, cluster_std)):  # zip: as many blobs as the shorter of counts and deviations
        X.append(centers[i] + rng.normal(scale=std, size=(count, n_features)))
        y += [i] * count
    X, y = numpy.concatenate(X), numpy.array(y)
    if shuffle:
        X, y = shuffled(X, y, random_state=rng)
    return X, y
