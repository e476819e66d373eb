/* render.h: widgets and render nodes into PNG files (export, tests, screenshots). */
#pragma once
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders node with the renderer of widget's window (or a Cairo renderer
 * when the widget is not realized) and saves it as PNG. */
gboolean hl_render_node_to_png   (GtkWidget *widget, GskRenderNode *node,
                                  const graphene_rect_t *viewport, const char *path,
                                  GError **error);
/* Renders a realized widget as it is on screen (the whole window when
 * widget is a GtkWindow). */
gboolean hl_render_widget_to_png (GtkWidget *widget, const char *path, GError **error);

G_END_DECLS
