"""networkx 2.0-3.x: removed APIs with exact successors.

networkx 2.0 made the graph's reports views (``nodes_iter`` & co. gone, ``G.node``/``G.edge`` gone in 2.4/2.0,
``degree()`` no longer a dict, ``neighbors()`` an iterator), moved ``add_path``/``add_cycle``/``add_star`` and
the self-loop methods to functions (2.4), swapped ``set_node_attributes``' arguments; 2.1-2.4 dropped
``from_pandas_dataframe`` and the ``*_component_subgraphs`` generators; 3.0 dropped the numpy/scipy *matrix*
converters (their array successors are wrapped back into matrices, the old semantics), ``info``, gpickle and the
numpy/scipy variants of pagerank and hits; 3.2 the clique helpers graph_clique_number & co.
"""

from __future__ import annotations

import re

import libcst as cst

from .framework import (
    Context,
    add_kwarg,
    callee_name,
    code_of,
    dotted,
    kwarg,
    make_arg,
    module_call,
    positional,
    rule,
)
from .python3_rules import Importing


def _call(func: str, *args: cst.BaseExpression | cst.Arg) -> cst.Call:
    arguments = [a if isinstance(a, cst.Arg) else cst.Arg(a) for a in args]
    commas = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in arguments[:-1]]
    return cst.Call(cst.parse_expression(func), [*commas, *arguments[-1:]])


def _renamed(call: cst.Call, new: str) -> cst.Call:
    func = call.func
    return call.with_changes(func=func.with_changes(attr=cst.Name(new)) if isinstance(func, cst.Attribute) else cst.Name(new))


_CONSUMERS = ("list", "sorted", "set", "tuple", "dict", "enumerate", "zip", "len", "max", "min", "sum", "any", "all")


class _Consuming(Importing):
    """Knows the expressions a loop or a list()/sorted()/... call consumes whole (``self.consumed``, by id of
    the original node): where 1.x's list became a 2.x iterator, those need no list() around it."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.consumed: set[int] = set()
        self.stepped: set[int] = set()  # given to next(), which needs the iterator itself

    def visit_For(self, node):
        self.consumed.add(id(node.iter))

    def visit_CompFor(self, node):
        self.consumed.add(id(node.iter))

    def visit_Call(self, node):
        if isinstance(node.func, cst.Name) and node.func.value in _CONSUMERS and len(node.args) >= 1:
            self.consumed.add(id(node.args[0].value))
        if isinstance(node.func, cst.Name) and node.func.value == "next" and node.args:
            self.stepped.add(id(node.args[0].value))


# --------------------------------------------------------------------------- networkx: module functions

_NX_SAME = {"from_numpy_matrix": "from_numpy_array", "from_scipy_sparse_matrix": "from_scipy_sparse_array",
            "from_pandas_dataframe": "from_pandas_edgelist", "to_pandas_dataframe": "to_pandas_adjacency",
            "edge_betweenness": "edge_betweenness_centrality",
            # 2.0 renamed these (the same spectral sum over the adjacency matrix)
            "communicability_centrality": "subgraph_centrality",
            "communicability_centrality_exp": "subgraph_centrality_exp"}
# 2.0 removed Prim's own entry points: the generic ones with algorithm='prim' run the same algorithm (the tree's
# nodes are listed in the graph's order now, edges first then isolated nodes before); old positions after G
_NX_PRIM = {"prim_mst": ("minimum_spanning_tree", ("weight",)),
            "prim_mst_edges": ("minimum_spanning_edges", ("weight", "data"))}
# 3.2 removed these clique helpers; each was this expression over find_cliques ({g}: the graph, {n}: the node)
_NX_CLIQUES = {"graph_clique_number": "max(len(c) for c in {find}({g}))",
               "graph_number_of_cliques": "sum(1 for c in {find}({g}))",
               "cliques_containing_node": "[c for c in {find}({g}) if {n} in c]"}
_NX_SUBGRAPHS = {f"{kind}_component_subgraphs": f"{kind}_components"
                 for kind in ("connected", "strongly_connected", "weakly_connected", "attracting", "biconnected")}
# 2.0 made these generators; 1.x returned the list or the dict of dicts that wrapping them gives back. Only the
# all-pairs form of shortest_path_length: with a source it is still a dict, with a target a number.
_NX_GENERATORS = {"topological_sort": "list", "all_pairs_shortest_path_length": "dict", "all_pairs_shortest_path": "dict",
                  "all_pairs_dijkstra_path_length": "dict", "all_pairs_dijkstra_path": "dict",
                  "all_pairs_bellman_ford_path_length": "dict", "all_pairs_bellman_ford_path": "dict",
                  "shortest_path_length": "dict"}
# 3.0 removed these networkx.utils helpers; each was this expression ({x}: the argument)
_NX_UTILS = {"is_string_like": "isinstance({x}, str)", "make_str": "str({x})", "iterable": "{numpy}.iterable({x})"}
_NX_SPARSE = {"to_scipy_sparse_matrix": "to_scipy_sparse_array", "adj_matrix": "adjacency_matrix"}
_NX_ONE_ALGORITHM = {"pagerank_numpy": ("pagerank", 2), "pagerank_scipy": ("pagerank", 2), "hits_numpy": ("hits", 1),
                     "hits_scipy": ("hits", 1)}  # the positional arguments both signatures share
_SPARSE_FORMATS = ("bsr", "coo", "csc", "csr", "dia", "dok", "lil")


@rule(
    "networkx-removed-functions",
    library="networkx",
    changed_in="networkx 2.1-3.0",
    rationale="networkx's removed functions, written with their successors: from_numpy_matrix/from_pandas_dataframe "
    "and co. renamed; to_numpy_matrix/to_scipy_sparse_matrix/adj_matrix return arrays now, wrapped back into the "
    "matrix they returned (np.array(...) of it needs no wrap); info(G) was str(G); the *_component_subgraphs "
    "generators are G.subgraph(c).copy() over the components; gpickle is pickle; pagerank/hits_numpy/_scipy are "
    "pagerank/hits (same values to the iteration's tolerance); edge_betweenness was edge_betweenness_centrality; "
    "3.2's graph_clique_number, graph_number_of_cliques and cliques_containing_node(G, n) are the expressions over "
    "find_cliques their deprecation notes gave; 2.0's generators (topological_sort, the all_pairs_* paths, "
    "shortest_path_length(G)) are wrapped back into the list or dict they were, where not consumed whole; 3.0's "
    "utils.is_string_like/make_str/iterable are isinstance(x, str), str(x) and numpy.iterable(x).",
    pattern=r"\b(from_numpy_matrix|to_numpy_matrix|\w+_sparse_matrix|from_pandas_dataframe|to_pandas_dataframe|"
    r"(nx|networkx)\.info|\w+_component_subgraphs|adj_matrix|(read|write)_gpickle|(pagerank|hits)_(numpy|scipy)|"
    r"edge_betweenness|graph_clique_number|graph_number_of_cliques|cliques_containing_node|topological_sort|"
    r"all_pairs_\w+|shortest_path_length|is_string_like|make_str|utils\.iterable|communicability_centrality\w*|"
    r"prim_mst\w*)\b",
    signatures=(("AttributeError", r"module 'networkx' has no attribute"),
                ("ImportError", r"cannot import name '\w+' from 'networkx'"),
                ("TypeError", r"'generator' object is not subscriptable|object of type 'generator' has no len\(\)"),
                ("AttributeError", r"'generator' object has no attribute '(items|keys|values)'"),
                ("AttributeError", r"module 'networkx\.utils' has no attribute '(is_string_like|make_str|iterable)'")),
    examples=(
        ("import numpy as np\nimport networkx as nx\nG = nx.from_numpy_matrix(A)\nM = nx.to_numpy_matrix(G)\nB = np.array(nx.to_numpy_matrix(G))",
         ("import numpy as np\nimport networkx as nx\nG = nx.from_numpy_array(A)\nM = np.asmatrix(nx.to_numpy_array(G))\n"
         "B = np.array(nx.to_numpy_array(G))")),
        ("import networkx as nx\nS = nx.to_scipy_sparse_matrix(G, format='coo')\nprint(nx.info(G))",
         ("import scipy.sparse\nimport networkx as nx\nS = scipy.sparse.coo_matrix(nx.to_scipy_sparse_array(G, format='coo'))\n"
         "print(str(G))")),
        (("import networkx as nx\ngiant = max(nx.connected_component_subgraphs(G), key=len)\n"
         "views = list(nx.weakly_connected_component_subgraphs(D, copy=False))\n"
         "parts = list(nx.connected_component_subgraphs(nx.Graph(edges)))"),
         ("import networkx as nx\ngiant = max((G.subgraph(c).copy() for c in nx.connected_components(G)), key=len)\n"
         "views = list((D.subgraph(c) for c in nx.weakly_connected_components(D)))\n"
         "parts = list((g.subgraph(c).copy() for g in [nx.Graph(edges)] for c in nx.connected_components(g)))")),
        ("from networkx import from_pandas_dataframe\nG = from_pandas_dataframe(df, 'a', 'b', ['w'])",
         "from networkx import from_pandas_edgelist\nG = from_pandas_edgelist(df, 'a', 'b', ['w'])"),
        ("import networkx as nx\nnx.write_gpickle(G, 'g.pkl')\nH = nx.read_gpickle('g.pkl')\npr = nx.pagerank_scipy(G, 0.9)",
         ("import pickle\nimport pathlib\nimport networkx as nx\n"
         "pathlib.Path('g.pkl').write_bytes(pickle.dumps(G, pickle.HIGHEST_PROTOCOL))\n"
         "H = pickle.loads(pathlib.Path('g.pkl').read_bytes())\npr = nx.pagerank(G, 0.9)")),
        ("from networkx import to_numpy_matrix, pagerank_scipy\nM = to_numpy_matrix(G)\npr = pagerank_scipy(G)",
         ("import numpy\nfrom networkx import to_numpy_array\nfrom networkx import pagerank\n"
          "from networkx import to_numpy_matrix, pagerank_scipy\nM = numpy.asmatrix(to_numpy_array(G))\npr = pagerank(G)")),
        ("import networkx as nx\nnx.write_gpickle(G, 'g.gpickle.gz')\ns = nx.info(G, 3)\nlog.info(G)",
         "import networkx as nx\nnx.write_gpickle(G, 'g.gpickle.gz')\ns = nx.info(G, 3)\nlog.info(G)"),
        (("import networkx as nx\nfirst = nx.topological_sort(D)[0]\nd = nx.all_pairs_shortest_path_length(G)\n"
          "for n in nx.topological_sort(D):\n    pass\nn0 = next(nx.topological_sort(D))"),
         ("import networkx as nx\nfirst = list(nx.topological_sort(D))[0]\nd = nx.all_pairs_shortest_path_length(G)\n"
          "for n in nx.topological_sort(D):\n    pass\nn0 = next(nx.topological_sort(D))")),
        ("import networkx as nx\nif nx.utils.is_string_like(n) and nx.utils.iterable(xs):\n    label = nx.utils.make_str(n)",
         "import numpy\nimport networkx as nx\nif isinstance(n, str) and numpy.iterable(xs):\n    label = str(n)"),
        (("import networkx as nx\neb = nx.edge_betweenness(G, normalized=False)\nk = nx.graph_clique_number(G)\n"
          "n = nx.graph_number_of_cliques(G)\nmine = nx.cliques_containing_node(G, 'a')\nall_ = nx.cliques_containing_node(G)"),
         ("import networkx as nx\neb = nx.edge_betweenness_centrality(G, normalized=False)\n"
          "k = max(len(c) for c in nx.find_cliques(G))\nn = sum(1 for c in nx.find_cliques(G))\n"
          "mine = [c for c in nx.find_cliques(G) if 'a' in c]\nall_ = nx.cliques_containing_node(G)")),
        ("import networkx as nx\nsc = nx.communicability_centrality(G)\nT = nx.prim_mst(G, 'w')\n"
         "E = list(nx.prim_mst_edges(G, 'w', False))",
         "import networkx as nx\nsc = nx.subgraph_centrality(G)\nT = nx.minimum_spanning_tree(G, weight='w', algorithm='prim')\n"
         "E = list(nx.minimum_spanning_edges(G, weight='w', data=False, algorithm='prim'))"),
    ),
)
class NetworkxFunctions(_Consuming):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        # nx.utils, networkx.utils, and names bound to the module itself
        self.utils = {f"{n}.utils" for n in ctx.module_names("networkx") | {"networkx"}} | \
            ctx.module_names("networkx.utils")

    def _renamed(self, call: cst.Call, new: str) -> cst.Call:
        if isinstance(call.func, cst.Name):  # imported by name: the successor is imported the same way
            self.need_name("networkx", new)
        return _renamed(call, new)

    def leave_ImportFrom(self, original, updated):
        if updated.module is None or dotted(updated.module) != "networkx" or isinstance(updated.names, cst.ImportStar):
            return updated
        names = [a.with_changes(name=cst.Name(_NX_SAME[a.name.value]))
                 if isinstance(a.name, cst.Name) and a.name.value in _NX_SAME and a.asname is None else a
                 for a in updated.names]
        return updated.with_changes(names=names)

    def leave_Call(self, original, updated):
        helper = self._utils_helper(updated)
        if helper is not None:
            return helper
        if module_call(updated, self.ctx, "numpy") in ("array", "asarray") and len(updated.args) == 1:
            inner = updated.args[0].value  # np.array(np.asmatrix(x)) is np.array(x): the matrix was not kept
            if isinstance(inner, cst.Call) and module_call(inner, self.ctx, "numpy") == "asmatrix" and isinstance(
                    inner.args[0].value, cst.Call) and callee_name(inner.args[0].value) == "to_numpy_array":
                return updated.with_changes(args=[updated.args[0].with_changes(value=inner.args[0].value)])
        name = module_call(updated, self.ctx, "networkx")
        if name is None or any(a.star for a in updated.args):
            return updated
        given = positional(updated)
        if name in _NX_SAME:
            return self._renamed(updated, _NX_SAME[name])
        if name in _NX_GENERATORS and id(original) not in self.consumed | self.stepped \
                and len(updated.args) == len(given) and (name != "shortest_path_length" or len(given) == 1) \
                and self._wrapped_back(name):
            return _call(_NX_GENERATORS[name], updated)
        if name == "to_numpy_matrix":
            return _call(f"{self.need('numpy')}.asmatrix", self._renamed(updated, "to_numpy_array"))
        if name in _NX_SPARSE:
            fmt = kwarg(updated, "format")
            fmt = "csr" if fmt is None else (fmt.value.evaluated_value if isinstance(fmt.value, cst.SimpleString) else "")
            if fmt not in _SPARSE_FORMATS:
                return updated
            return _call(f"{self.need('scipy.sparse')}.{fmt}_matrix", self._renamed(updated, _NX_SPARSE[name]))
        if name == "info" and len(updated.args) == 1 and given:
            return _call("str", given[0].value)  # 2.7-2.8's info(G) returned str(G)
        if name in _NX_SUBGRAPHS and len(given) == 1:
            return self._subgraphs(updated, name, given[0].value)
        if name in _NX_ONE_ALGORITHM and len(given) <= _NX_ONE_ALGORITHM[name][1]:
            return self._renamed(updated, _NX_ONE_ALGORITHM[name][0])
        if name in ("read_gpickle", "write_gpickle"):
            return self._gpickle(updated, name, given)
        if name in _NX_PRIM and 1 <= len(given) <= 1 + len(_NX_PRIM[name][1]):
            new, old_positions = _NX_PRIM[name]
            named = [make_arg(kw, a.value) for kw, a in zip(old_positions, given[1:])]  # their places moved
            call = updated.with_changes(args=[given[0], *named, *(a for a in updated.args if a.keyword is not None)])
            return add_kwarg(self._renamed(call, new), "algorithm", "'prim'")
        if name in _NX_CLIQUES and len(updated.args) == len(given) == (2 if name == "cliques_containing_node" else 1) \
                and not isinstance(given[-1].value, (cst.List, cst.Tuple, cst.ListComp)):  # one node, not a list
            find = code_of(self._renamed(updated, "find_cliques").func)
            node = code_of(given[1].value) if len(given) == 2 else ""
            return cst.parse_expression(_NX_CLIQUES[name].format(find=find, g=code_of(given[0].value), n=node))
        return updated

    def _utils_helper(self, call: cst.Call) -> cst.BaseExpression | None:
        """``nx.utils.is_string_like(x)`` as the expression it computed."""
        func = call.func
        if not (isinstance(func, cst.Attribute) and func.attr.value in _NX_UTILS and dotted(func.value) in self.utils
                and len(call.args) == 1 and not call.args[0].keyword and not call.args[0].star):
            return None
        numpy = self.need("numpy") if func.attr.value == "iterable" else ""
        return cst.parse_expression(_NX_UTILS[func.attr.value].format(x=code_of(call.args[0].value), numpy=numpy))

    def _wrapped_back(self, name: str) -> bool:
        """A list iterates as the generator did; a dict does not (its keys, not 2.x's (source, lengths) pairs),
        so 2.x code that iterates the value would break: the dicts come back only on a generator's error."""
        return _NX_GENERATORS[name] == "list" or self.ctx.error is not None

    def _subgraphs(self, call: cst.Call, name: str, graph: cst.BaseExpression) -> cst.BaseExpression:
        copy = kwarg(call, "copy")
        if copy is not None and not (isinstance(copy.value, cst.Name) and copy.value.value in ("True", "False")):
            return call
        # a graph built in the call is bound once, by the generator's first loop, not built once per component
        named = graph if dotted(graph) else cst.Name("g")
        view = f"{code_of(named)}.subgraph(c)" + ("" if copy is not None and copy.value.value == "False" else ".copy()")
        components = code_of(self._renamed(call.with_changes(args=[cst.Arg(named)]), _NX_SUBGRAPHS[name]))
        source = "" if named is graph else f" for g in [{code_of(graph)}]"
        return cst.parse_expression(f"({view}{source} for c in {components})")

    def _gpickle(self, call: cst.Call, name: str, given: list[cst.Arg]) -> cst.BaseExpression:
        reading = name == "read_gpickle"
        path = given[0 if reading else 1].value if len(given) > (0 if reading else 1) else None
        if path is None or len(call.args) != len(given) + (0 if reading or kwarg(call, "protocol") is None else 1) \
                or (isinstance(path, cst.SimpleString) and re.search(r"\.(gz|bz2)['\"]$", path.value)):
            return call  # a compressed file (the old reader inflated it) or an unusual call
        pickle, pathlib = self.need("pickle"), self.need("pathlib")
        target = f"{pathlib}.Path({code_of(path)})"
        if reading:
            return cst.parse_expression(f"{pickle}.loads({target}.read_bytes())")
        protocol = kwarg(call, "protocol") or (given[2] if len(given) > 2 else None)
        level = code_of(protocol.value) if protocol is not None else f"{pickle}.HIGHEST_PROTOCOL"
        return cst.parse_expression(f"{target}.write_bytes({pickle}.dumps({code_of(given[0].value)}, {level}))")


# --------------------------------------------------------------------------- networkx: graph methods

_NX_ITERS = {f"{name}_iter": name for name in ("nodes", "edges", "in_edges", "out_edges", "degree", "in_degree",
                                                "out_degree")}
_NX_ALREADY_ITERATORS = {"neighbors_iter": "neighbors", "successors_iter": "successors",
                         "predecessors_iter": "predecessors", "adjacency_iter": "adjacency"}
_NX_BUILDERS = ("add_path", "add_cycle", "add_star")
_NX_SELFLOOPS = {"selfloop_edges": True, "nodes_with_selfloops": True, "number_of_selfloops": False}  # listed?
_NX_NEIGHBOURS = ("neighbors", "successors", "predecessors")


def _graph_names(ctx: Context) -> set[str]:
    """Names the notebook uses as networkx graphs: made by networkx or given nodes and edges."""
    modules = "|".join(map(re.escape, ctx.module_names("networkx") | {"networkx"}))
    made = re.findall(rf"\b(\w+)\s*=\s*(?:{modules})\.\w+\(", ctx.text)
    filled = re.findall(r"\b(\w+)\.(?:add_edges?(?:_from)?|add_nodes?(?:_from)?|add_weighted_edges_from|"
                        r"number_of_nodes|number_of_edges|neighbors|subgraph|nodes_iter|edges_iter)\(", ctx.text)
    return set(made) | set(filled)


def _dict_like(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.Dict, cst.DictComp)) or (isinstance(node, cst.Call) and callee_name(node) == "dict")


@rule(
    "networkx2-graph-methods",
    library="networkx",
    changed_in="networkx 2.0 (G.node and the methods moved to functions: removed in 2.4)",
    rationale="networkx 2.0's graphs report views: G.node is G.nodes, G.edge G.adj; X_iter() is iter(X()) (the "
    "view, where it is only iterated); degree() is no longer a dict (dict(G.degree()) is); neighbors() is an "
    "iterator (list() where indexed or measured); G.add_path/add_cycle/add_star and the self-loop methods are "
    "nx functions (the self-loop lists kept as lists); set_node/edge_attributes(G, name, values) name their "
    "arguments (their order was swapped); fresh_copy() is __class__(); adjacency_list() is the neighbours of "
    "each node in adjacency()'s order.",
    pattern=r"\.(node|edge)\b|_iter\(|\.add_(path|cycle|star)\(|selfloop|degree\(|\.(neighbors|successors|predecessors)"
    r"\(|set_(node|edge)_attributes\(|fresh_copy\(|adjacency_list\(",
    signatures=(("AttributeError", (r"'(Multi)?(Di)?Graph' object has no attribute|'(In|Out)?(Multi)?DegreeView' object "
                                   r"has no attribute '(items|values|keys)'")),
                ("TypeError", (r"'dict_keyiterator' object is not subscriptable|object of type 'dict_keyiterator' has "
                              r"no len\(\)|unhashable type: 'dict'"))),
    examples=(
        (("import networkx as nx\nG = nx.Graph()\nG.add_path([1, 2, 3], weight=2)\nG.node[1]['c'] = 'r'\n"
         "for n in G.nodes_iter(data=True):\n    pass\nfirst = next(G.edges_iter())\nw = G.edge[1][2]"),
         ("import networkx as nx\nG = nx.Graph()\nnx.add_path(G, [1, 2, 3], weight=2)\nG.nodes[1]['c'] = 'r'\n"
         "for n in G.nodes(data=True):\n    pass\nfirst = next(iter(G.edges()))\nw = G.adj[1][2]")),
        (("import networkx as nx\nG.remove_edges_from(G.selfloop_edges())\nk = G.number_of_selfloops()\n"
         "top = sorted(G.degree().items(), key=lambda t: -t[1])\nn0 = G.neighbors(1)[0]\nd = len(D.successors(2))"),
         ("import networkx as nx\nG.remove_edges_from(list(nx.selfloop_edges(G)))\nk = nx.number_of_selfloops(G)\n"
         "top = sorted(dict(G.degree()).items(), key=lambda t: -t[1])\nn0 = list(G.neighbors(1))[0]\n"
         "d = len(list(D.successors(2)))")),
        (("import networkx as nx\nnx.set_node_attributes(G, 'size', {1: 3})\nnx.set_edge_attributes(G, 'w', weights)\n"
         "nx.set_node_attributes(G, 'red', 'color')"),
         ("import networkx as nx\nnx.set_node_attributes(G, name='size', values={1: 3})\n"
         "nx.set_edge_attributes(G, 'w', weights)\nnx.set_node_attributes(G, 'red', 'color')")),
        ("import networkx as nx\nrows = nx.path_graph(3).adjacency_list()",
         "import networkx as nx\nrows = [list(nbrs) for _, nbrs in nx.path_graph(3).adjacency()]"),
        ("import networkx as nx\nfor n in G.neighbors(1):\n    print(tree.node, n)",
         "import networkx as nx\nfor n in G.neighbors(1):\n    print(tree.node, n)"),
    ),
)
class NetworkxGraphMethods(_Consuming):
    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.active = "networkx" in ctx.text
        self.graphs = _graph_names(ctx) if self.active else set()

    def _graph(self, node: cst.BaseExpression) -> bool:
        """A receiver the notebook uses as a graph; any receiver when the failing line names a graph type."""
        error = self.ctx.error
        return dotted(node) in self.graphs or (error is not None and "Graph' object" in error.evalue)

    def leave_Attribute(self, original, updated):
        if self.active and updated.attr.value in ("node", "edge") and self._graph(updated.value):
            return updated.with_changes(attr=cst.Name("nodes" if updated.attr.value == "node" else "adj"))
        return updated

    def leave_Subscript(self, original, updated):
        # 1.x's neighbors() was a list; 2.0's is an iterator
        if self.active and isinstance(updated.value, cst.Call) and callee_name(updated.value) in _NX_NEIGHBOURS \
                and isinstance(updated.value.func, cst.Attribute):
            return updated.with_changes(value=_call("list", updated.value))
        return updated

    def leave_Call(self, original, updated):
        if not self.active or not isinstance(updated.func, cst.Attribute):
            return self._len_of_neighbours(updated)
        name, owner = updated.func.attr.value, updated.func.value
        if name in _NX_ITERS:
            view = _renamed(updated, _NX_ITERS[name])
            return view if id(original) in self.consumed else _call("iter", view)
        if name in _NX_ALREADY_ITERATORS:
            return _renamed(updated, _NX_ALREADY_ITERATORS[name])
        if name == "adjacency_list" and not updated.args:
            adjacency = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("adjacency")))
            return cst.parse_expression(f"[list(nbrs) for _, nbrs in {code_of(adjacency)}]")
        if name == "fresh_copy" and not updated.args:
            return updated.with_changes(func=updated.func.with_changes(attr=cst.Name("__class__")))
        if (name in _NX_BUILDERS or name in _NX_SELFLOOPS) and dotted(owner) in self.ctx.module_names("networkx"):
            return updated  # nx.add_path(G, ...): the function already
        nx = self.need("networkx") if name in _NX_BUILDERS or name in _NX_SELFLOOPS else ""
        if name in _NX_BUILDERS:
            return cst.Call(cst.parse_expression(f"{nx}.{name}"), [cst.Arg(owner, comma=cst.Comma(
                whitespace_after=cst.SimpleWhitespace(" ")) if updated.args else cst.MaybeSentinel.DEFAULT), *updated.args])
        if name in _NX_SELFLOOPS:
            function = cst.Call(cst.parse_expression(f"{nx}.{name}"), [cst.Arg(owner, comma=cst.Comma(
                whitespace_after=cst.SimpleWhitespace(" ")) if updated.args else cst.MaybeSentinel.DEFAULT), *updated.args])
            return _call("list", function) if _NX_SELFLOOPS[name] else function
        if name in ("items", "values", "keys") and not updated.args and isinstance(owner, cst.Call) \
                and callee_name(owner) in ("degree", "in_degree", "out_degree"):
            return updated.with_changes(func=updated.func.with_changes(value=_call("dict", owner)))
        if name in ("set_node_attributes", "set_edge_attributes") and dotted(owner) in self.ctx.module_names("networkx"):
            return self._attributes(updated)
        return self._len_of_neighbours(updated)

    def _len_of_neighbours(self, call: cst.Call) -> cst.Call:
        if self.active and isinstance(call.func, cst.Name) and call.func.value == "len" and len(call.args) == 1:
            inner = call.args[0].value
            if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and callee_name(inner) in _NX_NEIGHBOURS:
                return call.with_changes(args=[call.args[0].with_changes(value=_call("list", inner))])
        return call

    def _attributes(self, call: cst.Call) -> cst.Call:
        """1.x's (G, name, values) named: values a dict (the 2.x form would hash it), or the error said so."""
        given = positional(call)
        hashed = self.ctx.error is not None and "unhashable type: 'dict'" in self.ctx.error.evalue
        if len(given) != 3 or len(call.args) != 3 or not (_dict_like(given[2].value) or hashed):
            return call
        return call.with_changes(args=[given[0], make_arg("name", given[1].value).with_changes(comma=given[1].comma),
                                       make_arg("values", given[2].value)])
