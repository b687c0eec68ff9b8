"""bokeh 0.12.0-0.12.4's title keywords of a plot, written out: the shim the bokeh-title-properties rule copies
into a notebook where the plot's constructor is not assigned to a name (``show(figure(title_text_color=c))``).
It runs in the notebook's kernel, never here."""


def title_properties(plot, **properties):  # bokeh 0.12's figure(title_text_*=): each set a property of the plot's Title
    for name, value in properties.items():
        setattr(plot.title, name, value)
    return plot
