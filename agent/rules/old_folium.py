"""folium 0.2's marker methods of Map, written out with today's classes: the shims the folium-map-marker-methods
rule copies into a notebook (see old_scipy.py for how shims are used). They run in the notebook's kernel, never
here: the imports are inside each function.

What 0.2.1 did, read from its source: each method built a Popup of ``popup_width`` (300) pixels from a text
popup, a Vega chart from a ``(vincent chart, path)`` tuple, and no popup from anything else (a number, a Popup
object); then it added one marker to the map and returned None. The page loaded Leaflet 0.7.3, whose circles
were drawn with a 5 px stroke at opacity 0.5 (Leaflet 1's defaults are 3 and 1.0): the circle shim says so.
"""


def simple_marker(m, location=None, popup=None, marker_color='blue', marker_icon='info-sign', clustered_marker=False,
                  icon_angle=0, popup_width=300):
    # folium 0.2's Map.simple_marker: an awesome-markers pin
    import json

    import folium
    if clustered_marker:
        raise ValueError("clustered_marker is deprecated. Use MarkerCluster instead")
    if isinstance(popup, str):
        popup = folium.Popup(popup, max_width=popup_width)
    elif isinstance(popup, tuple):
        chart = folium.Popup(max_width=popup_width)
        folium.features.Vega(json.loads(popup[0].to_json()), width="100%", height="100%").add_to(chart)
        popup = chart
    else:
        popup = None
    icon = folium.Icon(color=marker_color, icon=marker_icon, angle=icon_angle)
    folium.Marker(location, popup=popup, icon=icon).add_to(m)


def circle_marker(m, location=None, radius=500, popup=None, line_color='black', fill_color='black', fill_opacity=0.6,
                  popup_width=300):
    # folium 0.2's Map.circle_marker: L.circle, its radius in metres
    import json

    import folium
    if isinstance(popup, str):
        popup = folium.Popup(popup, max_width=popup_width)
    elif isinstance(popup, tuple):
        chart = folium.Popup(max_width=popup_width)
        folium.features.Vega(json.loads(popup[0].to_json()), width="100%", height="100%").add_to(chart)
        popup = chart
    else:
        popup = None
    folium.Circle(location, radius=radius, popup=popup, color=line_color, fill=True, fill_color=fill_color,
                  fill_opacity=fill_opacity, weight=5, opacity=0.5).add_to(m)


def polygon_marker(m, location=None, line_color='black', line_opacity=1, line_weight=2, fill_color='blue',
                   fill_opacity=1, num_sides=4, rotation=0, radius=15, popup=None, popup_width=300):
    # folium 0.2's Map.polygon_marker: a leaflet-dvf regular polygon, its radius in pixels
    import json

    import folium
    if isinstance(popup, str):
        popup = folium.Popup(popup, max_width=popup_width)
    elif isinstance(popup, tuple):
        chart = folium.Popup(max_width=popup_width)
        folium.features.Vega(json.loads(popup[0].to_json()), width="100%", height="100%").add_to(chart)
        popup = chart
    else:
        popup = None
    folium.RegularPolygonMarker(location, number_of_sides=num_sides, rotation=rotation, radius=radius, popup=popup,
                                color=line_color, opacity=line_opacity, weight=line_weight, fill=True,
                                fill_color=fill_color, fill_opacity=fill_opacity).add_to(m)
