"""Old networkx code, repaired by the static rules, run in the tabular profile's real kernel: it fails as written
and runs clean, with the old results, once repaired."""

from __future__ import annotations

from support import code_notebook, stdout

NETWORKX_1 = code_notebook(
    "import numpy as np\nimport pandas as pd\nimport networkx as nx",
    "edges = pd.DataFrame({'a': [1, 2, 3, 5, 6, 6], 'b': [2, 3, 1, 6, 7, 6], 'w': [1.0, 2.0, 3.0, 1.0, 1.0, 1.0]})\n"
    "G = nx.from_pandas_dataframe(edges, 'a', 'b', ['w'])\nG.add_path([8, 9])\nG.node[1]['colour'] = 'red'\n"
    "G.remove_edges_from(G.selfloop_edges())\n"
    "giant = max(nx.connected_component_subgraphs(G), key=len)\n"
    "parts = sorted(len(g) for g in nx.connected_component_subgraphs(nx.Graph([(1, 2), (3, 4), (4, 5)])))\n"
    "top = sorted(G.degree().items(), key=lambda t: (-t[1], t[0]))[0]\n"
    "print(sorted(giant.nodes_iter()), top, G.node[1], len(G.neighbors(6)), G.neighbors(8)[0], parts)",
    "M = nx.to_numpy_matrix(giant, nodelist=[1, 2, 3], weight='w')\nsquare = M * M\n"
    "H = nx.from_numpy_matrix(np.eye(2))\nprint(type(M).__name__, square[0, 0], nx.info(H))",
    "T = nx.prim_mst(nx.Graph([(0, 1, {'weight': 3}), (1, 2, {'weight': 1}), (0, 2, {'weight': 1})]))\n"
    "sc = nx.communicability_centrality(nx.path_graph(3))\nprint(sorted(T.edges()), round(sc[0], 4))",
)


def test_networkx_1_code_runs_after_the_static_pass(fails_then_runs):
    after = fails_then_runs(
        NETWORKX_1, 1, "from_pandas_dataframe",
        {"networkx-removed-functions", "networkx2-graph-methods"},
    )
    assert stdout(after.cells[1]) == "[1, 2, 3] (1, 2) {'colour': 'red'} 2 9 [2, 3]\n"
    # still a matrix: * is the matrix product (1->2 weighs 1, 1->3 weighs 3: 1 + 9)
    assert stdout(after.cells[2]) == "matrix 10.0 Graph with 2 nodes and 2 edges\n"
    # Prim's tree keeps the two light edges; node 0 of a 3-path: e^sqrt2/4 + 1/2 + e^-sqrt2/4 (networkx 1.11)
    assert stdout(after.cells[3]) == "[(0, 2), (1, 2)] 1.5891\n"
